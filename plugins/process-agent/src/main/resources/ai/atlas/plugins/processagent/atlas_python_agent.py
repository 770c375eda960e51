"""Runs a team's Python callable as an ATLAS agent (agent-adapter:python).

Started once by the server's process-agent plugin: python3 -u atlas_python_agent.py IMPORT_PATH
ATTRIBUTE ALLOW_GENERATOR. It reads one JSON request per line on stdin and writes one JSON answer
per line on stdout, with the request's id. The callable is called as atlas-sdk's python adapter
calls it: target(prompt=..., metadata=...), where the prompt carries the learned playbook and the
teacher's guidance. A coroutine is awaited; a generator's items are joined when ALLOW_GENERATOR is
true; a class is made once per task and its on_step/step/run/__call__ hook is called between its
optional open and close hooks. Whatever the callable prints goes to stderr, into the server's log.
"""
import asyncio
import importlib
import inspect
import json
import os
import sys


def load(import_path, attribute):
    module = importlib.import_module(import_path)
    target = getattr(module, attribute or "main", None)
    if target is None or not callable(target):
        raise RuntimeError(f"attribute '{attribute}' of module '{import_path}' is not callable")
    return target


def first_hook(instance, names):
    for name in names:
        hook = getattr(instance, name, None)
        if callable(hook):
            return hook
    return None


def call(hook, prompt, metadata):
    parameters = inspect.signature(hook).parameters
    kwargs = {}
    if "prompt" in parameters:
        kwargs["prompt"] = prompt
    elif "payload" in parameters:
        kwargs["payload"] = prompt
    if "metadata" in parameters:
        kwargs["metadata"] = metadata
    if not kwargs:
        return hook(prompt)
    return hook(**kwargs)


def settle(result, allow_generator):
    if inspect.isawaitable(result):
        result = asyncio.run(_await(result))
    if inspect.isasyncgen(result) or inspect.isgenerator(result):
        if not allow_generator:
            raise RuntimeError("the callable returned a generator, and allow_generator is false")
        if inspect.isasyncgen(result):
            return "".join(str(item) for item in asyncio.run(_collect(result)))
        return "".join(str(item) for item in result)
    if isinstance(result, bytes):
        return result.decode("utf-8")
    if isinstance(result, (dict, list)):
        return json.dumps(result)
    return "" if result is None else str(result)


async def _await(awaitable):
    return await awaitable


async def _collect(generator):
    return [item async for item in generator]


def run(target, prompt, metadata, allow_generator):
    if not inspect.isclass(target):
        return settle(call(target, prompt, metadata), allow_generator)
    instance = target()
    opened = first_hook(instance, ["on_open", "open", "start"])
    if opened:
        settle(opened(), True)
    try:
        step = first_hook(instance, ["on_step", "step", "run", "__call__"])
        if step is None:
            raise RuntimeError(f"class {target.__name__} has no on_step, step, run or __call__ method")
        return settle(call(step, prompt, metadata), allow_generator)
    finally:
        closing = first_hook(instance, ["on_close", "close", "shutdown", "stop"])
        if closing:
            settle(closing(), True)


def prompt_of(request):
    prompt = request["task"]
    playbook = request.get("playbook") or []
    if playbook:
        prompt += "\n\nWhat worked on similar tasks:" + "".join("\n- " + entry for entry in playbook)
    if request.get("guidance"):
        prompt += "\n\nGuidance: " + request["guidance"]
    return prompt


def main():
    import_path, attribute, allow_generator = sys.argv[1], sys.argv[2], sys.argv[3] == "true"
    llm_config = json.loads(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
    # the module is found from the working directory (working_directory), as atlas-sdk finds it
    sys.path.insert(0, os.getcwd())
    answers = sys.stdout
    sys.stdout = sys.stderr  # the callable's prints must not be taken for answers
    try:
        target = load(import_path, attribute)
        failure = None
    except Exception as error:  # reported with every request, so the session says why
        target, failure = None, f"cannot load {import_path}.{attribute}: {type(error).__name__}: {error}"
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        reply = {"id": request["id"]}
        try:
            if failure:
                raise RuntimeError(failure)
            metadata = dict(request.get("metadata") or {})
            if llm_config is not None:
                metadata.setdefault("llm_config", llm_config)
            if request.get("max_tokens") is not None:
                metadata.setdefault("max_tokens", request["max_tokens"])
            answer = run(target, prompt_of(request), metadata, allow_generator)
            reply.update(answer=answer, steps=[{"description": "python callable", "output": answer}])
        except Exception as error:
            reply["error"] = f"{type(error).__name__}: {error}"
        answers.write(json.dumps(reply) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()

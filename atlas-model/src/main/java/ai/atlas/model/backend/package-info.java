/**
 * Compute backends behind one interface: the plain-Java reference (the test oracle) and the
 * multithreaded CPU backend; the CUDA backend has its own module.
 */
package ai.atlas.model.backend;

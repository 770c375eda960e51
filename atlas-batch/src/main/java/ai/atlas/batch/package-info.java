/**
 * Jakarta Batch jobs and their artifacts. Job XML lives in {@code META-INF/batch-jobs/<job>.xml};
 * artifacts are {@code @Named @Dependent} beans referenced by bean name.
 */
package ai.atlas.batch;

package ai.atlas.spi;

/** A criterion a judge weighed, with its weight in [0, 1] and what it means. */
public record Principle(String name, double weight, String description) {

  public Principle {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException("a principle's weight must be in [0, 1], not " + weight);
    }
  }
}

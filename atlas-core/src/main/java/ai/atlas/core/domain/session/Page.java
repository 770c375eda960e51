package ai.atlas.core.domain.session;

import java.util.List;

/** One page of a listing: its items, where it is, and how many items there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public Page {
    items = List.copyOf(items);
  }
}

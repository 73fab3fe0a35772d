package match

// NewAdjacency builds the adjacency of ix's snapshot afresh, for benchmarks.
func NewAdjacency(ix *Index) any { return newAdjacency(ix) }

// AdjacencyOf is the adjacency a match on ix's snapshot uses.
func AdjacencyOf(ix *Index) any { return adjacencyOf(ix) }

// Updated reports whether b was made from a by update (it shares a's rows).
func Updated(a, b *Index) bool { return len(a.ids) > 0 && len(b.ids) > 0 && &a.ids[0] == &b.ids[0] }

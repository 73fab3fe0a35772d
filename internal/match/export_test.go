package match

// NewAdjacency builds the adjacency of ix's snapshot afresh, for benchmarks.
func NewAdjacency(ix *Index) any { return newAdjacency(ix) }

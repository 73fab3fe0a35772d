package cpm

import "slices"

// graph is the network by index: predecessors and successors of each task.
type graph struct {
	ids          []int64
	preds, succs [][]int
}

func newGraph(tasks []Task) (*graph, error) {
	index := make(map[int64]int, len(tasks))
	g := &graph{ids: make([]int64, len(tasks)), preds: make([][]int, len(tasks)), succs: make([][]int, len(tasks))}
	for i, t := range tasks {
		index[t.ID], g.ids[i] = i, t.ID
	}
	for i, t := range tasks {
		for _, dep := range t.DependsOn {
			p, ok := index[dep]
			if !ok {
				return nil, &UnknownError{Task: t.ID, Missing: dep}
			}
			if slices.Contains(g.preds[i], p) {
				continue
			}
			g.preds[i] = append(g.preds[i], p)
			g.succs[p] = append(g.succs[p], i)
		}
	}
	return g, nil
}

// topo returns the tasks in an order where every task comes after its
// predecessors (Kahn's algorithm), or a CycleError.
func (g *graph) topo() ([]int, error) {
	n := len(g.ids)
	indeg := make([]int, n)
	queue := make([]int, 0, n)
	for i := range n {
		if indeg[i] = len(g.preds[i]); indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	for k := 0; k < len(queue); k++ {
		for _, s := range g.succs[queue[k]] {
			if indeg[s]--; indeg[s] == 0 {
				queue = append(queue, s)
			}
		}
	}
	if len(queue) == n {
		return queue, nil
	}
	return nil, g.cycle(indeg)
}

// cycle finds one cycle among the tasks Kahn's algorithm left (each has a
// predecessor that is also left) by walking predecessors until one repeats.
func (g *graph) cycle(indeg []int) error {
	start := -1
	for i, d := range indeg {
		if d > 0 {
			start = i
			break
		}
	}
	seen := map[int]int{}
	var path []int
	for cur := start; ; {
		if at, ok := seen[cur]; ok {
			loop := path[at:]
			ids := make([]int64, len(loop))
			for k, i := range loop {
				ids[len(loop)-1-k] = g.ids[i] // walked backwards: reverse
			}
			return &CycleError{IDs: ids}
		}
		seen[cur] = len(path)
		path = append(path, cur)
		for _, p := range g.preds[cur] {
			if indeg[p] > 0 {
				cur = p
				break
			}
		}
	}
}

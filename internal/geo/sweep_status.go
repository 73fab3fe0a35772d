package geo

import "math/rand/v2"

// none is the null node index of a status tree.
const none int32 = -1

// tnode is a segment's node in the status tree.
type tnode struct {
	left, right, parent int32
	prio                uint32
	w, ws               int32 // the segment's winding weights (all rings, exterior only)
	sum, sums           int32 // the weights summed over the subtree
}

// status is the sweep line's ordered set of segments, left to right: a
// treap whose node i is segment i. Priorities come from math/rand/v2's
// randomly seeded generator, which the input cannot influence, so every
// operation takes O(log n) expected time however the segments are ordered.
// Parent links let a segment be removed and its neighbours found without a
// search (a search needs an order that is only well defined while segments
// do not cross); subtree sums of the winding weights give prefix sums.
type status struct {
	n    []tnode
	root int32
}

func newStatus(n int) status {
	return status{n: make([]tnode, n), root: none}
}

func (t *status) sumOf(i int32) (int32, int32) {
	if i == none {
		return 0, 0
	}
	return t.n[i].sum, t.n[i].sums
}

func (t *status) update(i int32) {
	x := &t.n[i]
	ls, lss := t.sumOf(x.left)
	rs, rss := t.sumOf(x.right)
	x.sum, x.sums = x.w+ls+rs, x.ws+lss+rss
}

// orderer compares segments for the status: before(i, j) < 0 when segment
// i lies left of segment j, where(j) < 0 when the position sought lies left
// of segment j, > 0 right of it and 0 on it.
type orderer interface {
	before(i, j int32) int
	where(j int32) int
}

// insert adds segment i.
func (t *status) insert(i int32, o orderer) {
	x := &t.n[i]
	x.left, x.right, x.parent, x.prio = none, none, none, rand.Uint32()
	x.sum, x.sums = x.w, x.ws
	if t.root == none {
		t.root = i
		return
	}
	cur := t.root
	for {
		c := &t.n[cur]
		c.sum += x.w
		c.sums += x.ws
		next := &c.right
		if o.before(i, cur) < 0 {
			next = &c.left
		}
		if *next == none {
			*next, x.parent = i, cur
			break
		}
		cur = *next
	}
	for x.parent != none && t.n[x.parent].prio < x.prio {
		t.rotateUp(i)
	}
}

// rotateUp moves node i above its parent, keeping the in-order sequence.
func (t *status) rotateUp(i int32) {
	x := &t.n[i]
	p := x.parent
	pn := &t.n[p]
	g := pn.parent
	if pn.left == i {
		pn.left = x.right
		if x.right != none {
			t.n[x.right].parent = p
		}
		x.right = p
	} else {
		pn.right = x.left
		if x.left != none {
			t.n[x.left].parent = p
		}
		x.left = p
	}
	pn.parent, x.parent = i, g
	t.replaceChild(g, p, i)
	t.update(p)
	t.update(i)
}

// replaceChild makes c take old's place under parent g (or at the root).
func (t *status) replaceChild(g, old, c int32) {
	switch {
	case g == none:
		t.root = c
	case t.n[g].left == old:
		t.n[g].left = c
	default:
		t.n[g].right = c
	}
}

// remove takes segment i out of the tree.
func (t *status) remove(i int32) {
	x := &t.n[i]
	for x.left != none && x.right != none {
		c := x.left
		if t.n[x.right].prio > t.n[c].prio {
			c = x.right
		}
		t.rotateUp(c)
	}
	c := x.left
	if c == none {
		c = x.right
	}
	if c != none {
		t.n[c].parent = x.parent
	}
	t.replaceChild(x.parent, i, c)
	for p := x.parent; p != none; p = t.n[p].parent {
		t.n[p].sum -= x.w
		t.n[p].sums -= x.ws
	}
	x.parent = none
}

// next returns the segment right of i, or none.
func (t *status) next(i int32) int32 {
	if r := t.n[i].right; r != none {
		for t.n[r].left != none {
			r = t.n[r].left
		}
		return r
	}
	for p := t.n[i].parent; p != none; i, p = p, t.n[p].parent {
		if t.n[p].left == i {
			return p
		}
	}
	return none
}

// prev returns the segment left of i, or none.
func (t *status) prev(i int32) int32 {
	if l := t.n[i].left; l != none {
		for t.n[l].right != none {
			l = t.n[l].right
		}
		return l
	}
	for p := t.n[i].parent; p != none; i, p = p, t.n[p].parent {
		if t.n[p].right == i {
			return p
		}
	}
	return none
}

// first returns the leftmost segment, or none.
func (t *status) first() int32 {
	i := t.root
	for i != none && t.n[i].left != none {
		i = t.n[i].left
	}
	return i
}

// prefix returns the weights summed over i and every segment left of it.
func (t *status) prefix(i int32) (int32, int32) {
	x := &t.n[i]
	s, ss := t.sumOf(x.left)
	s, ss = s+x.w, ss+x.ws
	for c, p := i, x.parent; p != none; c, p = p, t.n[p].parent {
		if t.n[p].right == c {
			ls, lss := t.sumOf(t.n[p].left)
			s, ss = s+ls+t.n[p].w, ss+lss+t.n[p].ws
		}
	}
	return s, ss
}

// search descends towards the position given by o.where. It returns a
// segment on the position (or none) and the nearest segments left and right
// of the position met on the way.
func (t *status) search(o orderer) (on, left, right int32) {
	left, right = none, none
	for i := t.root; i != none; {
		switch c := o.where(i); {
		case c == 0:
			return i, left, right
		case c < 0:
			right, i = i, t.n[i].left
		default:
			left, i = i, t.n[i].right
		}
	}
	return none, left, right
}

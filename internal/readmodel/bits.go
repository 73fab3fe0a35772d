package readmodel

import "math/bits"

// bitset has one bit per slot of a table.
type bitset []uint64

func newBitset(n int32) bitset { return make(bitset, (n+63)/64) }

// full returns a bitset with the first n bits set.
func full(n int32) bitset {
	b := newBitset(n)
	for i := range b {
		b[i] = ^uint64(0)
	}
	if r := n % 64; r != 0 {
		b[len(b)-1] = 1<<r - 1
	}
	return b
}

func (b bitset) set(i int32)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) has(i int32) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// count returns the number of bits set.
func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

func (b bitset) and(o bitset) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

// andNot clears the bits set in o.
func (b bitset) andNot(o bitset) {
	for i := range b {
		b[i] &^= o[i]
	}
}

func (b bitset) clone() bitset { return append(bitset(nil), b...) }

// each calls fn for every bit set, in order, until fn returns false.
func (b bitset) each(fn func(int32) bool) {
	for i, w := range b {
		for w != 0 {
			k := bits.TrailingZeros64(w)
			if !fn(int32(i*64 + k)) {
				return
			}
			w &= w - 1
		}
	}
}

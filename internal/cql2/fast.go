package cql2

// Specialised predicates for the most common shapes, a plain property
// against constants: they read the record value directly instead of going
// through the generic accessor closures.

// fastStringIn is "property IN (constant strings)" for a short list.
func fastStringIn(idx int, set []string) pred {
	return func(r Record) tri {
		s, ok := r.Value(idx).(string)
		if !ok {
			return unk
		}
		for _, v := range set {
			if s == v {
				return tru
			}
		}
		return fls
	}
}

// fastNumBetween is "property BETWEEN constant AND constant".
func fastNumBetween(idx int, lo, hi float64) pred {
	return func(r Record) tri {
		v, ok := toFloat(r.Value(idx))
		if !ok {
			return unk
		}
		return triOf(v >= lo && v <= hi)
	}
}

// fastNumCompare is "property op constant" on numbers.
func fastNumCompare(idx int, op CompOp, k float64) pred {
	return func(r Record) tri {
		v, ok := toFloat(r.Value(idx))
		if !ok {
			return unk
		}
		switch {
		case v < k:
			return triOf(op == Lt || op == Le || op == Ne)
		case v > k:
			return triOf(op == Gt || op == Ge || op == Ne)
		}
		return triOf(op == Eq || op == Le || op == Ge)
	}
}

// fastStringCompare is "property op constant" on strings.
func fastStringCompare(idx int, op CompOp, k string) pred {
	return func(r Record) tri {
		s, ok := r.Value(idx).(string)
		if !ok {
			return unk
		}
		switch {
		case s < k:
			return triOf(op == Lt || op == Le || op == Ne)
		case s > k:
			return triOf(op == Gt || op == Ge || op == Ne)
		}
		return triOf(op == Eq || op == Le || op == Ge)
	}
}

// fastComparison returns a specialised predicate for "property op
// constant" (either way round) on numbers or strings, or nil.
func fastComparison(op CompOp, a, b operand) pred {
	if a.prop < 0 && b.prop >= 0 {
		a, b, op = b, a, flip(op)
	}
	if a.prop < 0 || !b.konst || a.kind != b.kind {
		return nil
	}
	switch a.kind {
	case kNum:
		if k, ok := b.num(nil); ok {
			return fastNumCompare(a.prop, op, k)
		}
	case kStr:
		k, _ := b.str(nil)
		return fastStringCompare(a.prop, op, k)
	}
	return nil
}

// flip gives op' with (a op b) == (b op' a).
func flip(op CompOp) CompOp {
	switch op {
	case Lt:
		return Gt
	case Gt:
		return Lt
	case Le:
		return Ge
	case Ge:
		return Le
	}
	return op
}

package cql2

// Children returns the direct sub-expressions of e, in source order.
func Children(e Expr) []Expr {
	switch n := e.(type) {
	case IntervalLit:
		return []Expr{n.Start, n.End}
	case ArrayLit:
		return n.Elems
	case Logical:
		return n.Args
	case Not:
		return []Expr{n.Arg}
	case Comparison:
		return []Expr{n.Left, n.Right}
	case Like:
		return []Expr{n.Arg, n.Pattern}
	case Between:
		return []Expr{n.Arg, n.Low, n.High}
	case In:
		return append([]Expr{n.Arg}, n.List...)
	case IsNull:
		return []Expr{n.Arg}
	case Arithmetic:
		return []Expr{n.Left, n.Right}
	case CaseI:
		return []Expr{n.Arg}
	case AccentI:
		return []Expr{n.Arg}
	case SpatialPred:
		return []Expr{n.A, n.B}
	case TemporalPred:
		return []Expr{n.A, n.B}
	case ArrayPred:
		return []Expr{n.A, n.B}
	case Function:
		return n.Args
	}
	return nil
}

// Walk calls fn for e and, while fn returns true, for its sub-expressions
// depth-first.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, c := range Children(e) {
		Walk(c, fn)
	}
}

// CheckSupported returns an error matching ErrNotSupported for the first
// construct of e that Compile cannot evaluate whatever the schema: a
// user-defined function, or an A_* function on an array that is not made
// of string literals. It returns nil otherwise. Compile runs it first.
func CheckSupported(e Expr) error {
	var err *Error
	Walk(e, func(x Expr) bool {
		if err != nil {
			return false
		}
		switch n := x.(type) {
		case Function:
			err = unsupported(n.Pos, n.Name, "function "+n.Name)
		case ArrayPred:
			for _, a := range []Expr{n.A, n.B} {
				if arr, ok := a.(ArrayLit); ok && !allStrings(arr) {
					err = unsupported(-1, "", string(n.Op)+" on arrays of values other than string literals")
				}
			}
		}
		return err == nil
	})
	if err != nil {
		return err
	}
	return nil
}

func allStrings(a ArrayLit) bool {
	for _, e := range a.Elems {
		if _, ok := e.(StringLit); !ok {
			return false
		}
	}
	return true
}

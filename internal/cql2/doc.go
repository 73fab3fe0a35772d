// Package cql2 parses and evaluates OGC CQL2 filter expressions (OGC 21-065,
// CQL2 1.0) in both encodings, cql2-text and cql2-json.
//
// The package has three stages:
//
//  1. ParseText and ParseJSON turn a filter into an expression tree (Expr).
//     Both encodings give the same tree for the same filter; Format prints
//     the canonical cql2-text form of a tree, so trees compare by their
//     Format. Parsing accepts the whole CQL2 grammar, including constructs
//     that Compile does not evaluate (user-defined functions).
//  2. Compile binds a tree to a Schema of queryables once per request: it
//     resolves property names, type-checks operands, prepares literal
//     geometries (with their bounding boxes), LIKE patterns and constant
//     lists, and returns a predicate made of closures over property indices.
//  3. The predicate is called for every Record.
//
// FormatJSON encodes a tree as cql2-json. Walk and Children visit a tree,
// and CheckSupported tells, without a schema, whether Compile could
// evaluate it.
//
// In cql2-text character literals a quote is written twice or after a
// backslash, \\ is a backslash and \a \b \t \n \v \f \r are control
// characters (/req/cql2-text/escaping); any other backslash is kept, so
// that a LIKE pattern can escape its wildcards:
//
//	owner = 'O''Brien' OR owner = 'O\'Brien'
//	label LIKE '100\%'
//
// Property names may be double-quoted, and Format always quotes them.
//
// # Supported conformance classes
//
// basic-cql2, advanced-comparison-operators (LIKE, BETWEEN, IN),
// case-insensitive-comparison (CASEI), accent-insensitive-comparison
// (ACCENTI), basic-spatial-functions, basic-spatial-functions-plus,
// spatial-functions (all eight S_* functions), temporal-functions (all T_*
// functions), array-functions (A_* on string-list properties), property-
// property comparisons, arithmetic (+ - * / % div ^), cql2-text and
// cql2-json. User-defined functions ("functions" class) are parsed but
// Compile rejects them with an error ending in "is not supported".
//
// # Null values and three-valued logic
//
// A property whose Record value is nil is unknown (SQL NULL). Following SQL,
// every comparison, LIKE, BETWEEN, IN, spatial or temporal function with an
// unknown operand is unknown, NOT of unknown is unknown, "unknown AND false"
// is false and "unknown OR true" is true. A record is selected only when the
// whole filter is true, so a record with an unknown result is not selected.
// IS NULL is true exactly for unknown values. Arithmetic that has no finite
// result (division by zero, overflow) is unknown too. A Record value of the
// wrong Go type for its queryable's Type is treated as unknown.
//
// # Temporal values
//
// Dates are instants at 00:00 UTC (as Record values are), timestamps are
// instants, and INTERVAL('..', x) is unbounded on that side. An instant is
// the degenerate interval [t, t] in T_* functions, whose definitions follow
// the CQL2 standard (Allen's interval algebra with closed intervals).
// A string literal compared with a Date or Timestamp property is read as a
// date or timestamp.
//
// # Geometry
//
// Coordinates are CRS84 longitude/latitude. Literal coordinates outside
// [-180, 180] x [-90, 90] are rejected by Compile. A BBOX whose west bound
// is greater than its east bound crosses the antimeridian. Spatial functions
// first compare bounding boxes and run the exact DE-9IM test (simplefeatures,
// pure Go) only when the boxes do not decide the answer. Every queryable of
// Type Geometry reads Record.Geometry; the names "geometry" and "geom" are
// aliases of each other when the Schema knows only one of them.
package cql2

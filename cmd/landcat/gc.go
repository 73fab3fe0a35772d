package main

import (
	"runtime"
	"runtime/debug"
)

// The garbage collector's pace, unless GOGC is set in the environment.
//
// The read model is a large, long-lived heap of few pointers (columns,
// encoded bytes), so a collection costs little beyond the pointers it
// marks, while what a request leaves behind is small. Serving therefore
// keeps the heap near its live size (GOGC 50: the heap may grow by half
// before a collection, instead of doubling), which is what the RSS figures
// of the README's Performance section rest on. Loading is a burst of
// short-lived garbage (decoded rows, buffers): it runs at GOGC 200, and
// what it leaves is returned to the operating system before serving
// starts. GOMEMLIMIT, when set, caps the heap as usual.
const (
	loadGOGC  = 200
	serveGOGC = 50
)

// gcForLoad sets the loading pace and returns the function that sets the
// serving pace once the read model is loaded.
func gcForLoad(getenv func(string) string) (settle func()) {
	if getenv("GOGC") != "" {
		return func() {}
	}
	debug.SetGCPercent(loadGOGC)
	return func() {
		debug.SetGCPercent(serveGOGC)
		runtime.GC()
		debug.FreeOSMemory()
	}
}

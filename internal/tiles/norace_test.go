//go:build !race

package tiles_test

// raceDetector is true in -race builds (see race_test.go).
const raceDetector = false

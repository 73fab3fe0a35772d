//go:build race

package tiles_test

// raceDetector is true in -race builds, which skip the 100,000-parcel
// catalogue: it checks size and speed, and takes minutes under the detector;
// the concurrency tests run on the demo catalogue.
const raceDetector = true

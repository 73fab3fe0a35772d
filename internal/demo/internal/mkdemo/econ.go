package main

import "github.com/paulmach/orb"

// econSpecs lists the economic zones and the free trade zone (public
// decisions, as compiled for the demo).
var econSpecs = []zoneSpec{
	{code: "EZ-DVCH", kind: "economic_zone", vi: "Khu kinh tế Đình Vũ – Cát Hải", en: "Dinh Vu – Cat Hai Economic Zone",
		developer: "Hai Phong Economic Zone Authority (HEZA)", lon: 106.85, lat: 20.82, areaHa: 22540,
		stage: "operating", quality: "verified", verified: "2023-12-31",
		src: "haiphong.gov.vn; duan24h.net (Decision 06/2008/QĐ-TTg, master plan 1438/QĐ-TTg 2012); vietnamplus 2023 (22,540 ha)"},
	{code: "EZ-SCOAST", kind: "economic_zone", vi: "Khu kinh tế ven biển phía Nam Hải Phòng", en: "Hai Phong Southern Coastal Economic Zone",
		developer: "Hai Phong Economic Zone Authority (HEZA)", lon: 106.71, lat: 20.68, areaHa: 20000,
		stage: "established", quality: "verified", verified: "2024-12-04",
		src: "vneconomy; vietnamnews Dec 2024/Mar 2025 (Decision 1511/QĐ-TTg, 20,000 ha incl. 2,909 ha reclaimed)"},
	{code: "FTZ-HP", kind: "free_trade_zone", vi: "Khu thương mại tự do Hải Phòng", en: "Hai Phong Free Trade Zone",
		zh: "海防自由贸易区", ja: "ハイフォン自由貿易区", ko: "하이퐁 자유무역지대",
		developer: "Hai Phong Economic Zone Authority (HEZA)", lon: 106.80, lat: 20.75, areaHa: 6292,
		stage: "established", bonded: true, quality: "verified", verified: "2025-06-30",
		src: "Resolution 226/2025/QH15; news.baohaiphong.vn; laodong.vn; vietnamnews Jun 2025 (~6,292 ha, 3 sites)"},
}

// Frames for hand-drawn parts.
var (
	vsipFrame   = frame{106.723, 20.910}
	cathaiFrame = frame{106.900, 20.795}
)

// econZones draws the economic zones and the FTZ as large schematic
// multipolygons around the parks they contain.
func econZones(parks map[string]orb.Ring) []zone {
	dvch := orb.MultiPolygon{
		{lonlat(106.736, 20.800, 106.800, 20.793, 106.860, 20.772, 106.935, 20.772, 106.962, 20.800,
			106.955, 20.845, 106.900, 20.868, 106.830, 20.850, 106.780, 20.862, 106.736, 20.848)},
		{centroidScaled(parks["z-td"], 1.15)},
		{explicit(vsipFrame, -3.3, -2.0, 2.0, -2.0, 2.0, 0.9, 1.6, 1.7, 0.3, 1.9, -3.3, 1.6)},
	}
	scoast := orb.MultiPolygon{
		{lonlat(106.598, 20.665, 106.650, 20.648, 106.740, 20.625, 106.800, 20.626, 106.800, 20.690,
			106.778, 20.742, 106.700, 20.731, 106.625, 20.738, 106.598, 20.700)},
	}
	ftz := orb.MultiPolygon{
		{lonlat(106.685, 20.690, 106.710, 20.668, 106.745, 20.670, 106.752, 20.700, 106.735, 20.722, 106.690, 20.718)},
		{centroidScaled(parks["z-ndv"], 0.87)},
		{explicit(cathaiFrame, -3.1, -1.95, 3.2, -1.95, 3.3, 0.3, 1.8, 2.25, -2.6, 2.25, -3.2, 0.2)},
	}
	geoms := []orb.MultiPolygon{dvch, scoast, ftz}
	out := make([]zone, len(econSpecs))
	for i, s := range econSpecs {
		out[i] = zone{spec: s, id: idOf(s.code), mp: geoms[i]}
	}
	return out
}

// lonlat builds a closed ring from lon, lat pairs (counter-clockwise).
func lonlat(v ...float64) orb.Ring {
	r := make(orb.Ring, 0, len(v)/2+1)
	for i := 0; i+1 < len(v); i += 2 {
		r = append(r, orb.Point{v[i], v[i+1]})
	}
	return append(r, r[0])
}

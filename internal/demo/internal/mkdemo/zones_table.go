package main

// shape describes how a park polygon is drawn. Either a generated n-gon
// (n, aspect, rot, centre offset dx/dy km) or explicit km vertices xy in
// the frame at (olon, olat) — the park centroid when olon is 0.
type shape struct {
	n           int
	aspect, rot float64
	dx, dy      float64
	xy          []float64
	olon, olat  float64
	drawHa      float64 // area to draw instead of the official area
	leaseUntil  string  // land-term end used for the park's parcels
}

// zoneSpec is one zone of the demo.
type zoneSpec struct {
	code, kind             string
	vi, en, ko, ja, zh     string
	developer              string
	lon, lat               float64
	areaHa                 float64 // official_area_ha; 0 = not published
	stage, ez, eco         string
	bonded                 bool
	utils                  string // zone-level utility defaults
	quality, verified, src string
	shape                  shape
}

const (
	srcDemo  = "demo data, approximate"
	geomNote = "schematic geometry [E]"
	hp       = 106.774 // Dinh Vu frame origin (Z-DC1 centroid)
)

// parks lists the industrial parks of the demo (25 rows).
var parks = []zoneSpec{
	{code: "Z-DC1", kind: "industrial_park", vi: "Khu công nghiệp DEEP C Hải Phòng I (Đình Vũ)", en: "DEEP C Hai Phong I Industrial Park (Dinh Vu)",
		ja: "DEEP C ハイフォン I 工業団地", ko: "DEEP C 하이퐁 I 산업단지",
		developer: "Dinh Vu Industrial Zone JSC (Rent-A-Port, Hai Phong PC, Infra Asia)", lon: 106.774, lat: 20.827, areaHa: 541,
		stage: "operating", ez: "ez-dvch", eco: "pilot", quality: "verified", verified: "2025-07-20",
		src:   "vccinews 2018/2020; theinvestor 2022; vietnam.vn 2025 (541 ha); centroid from OSM via a public geocoding fixture",
		shape: shape{xy: []float64{-1.6, 0.4, -1.0, -0.9, 0.2, -1.0, 1.2, 0.3, 1.0, 1.3, -0.6, 1.6}, leaseUntil: "2047-12-31"}},
	{code: "Z-DC2", kind: "industrial_park", vi: "Khu công nghiệp DEEP C Hải Phòng II", en: "DEEP C Hai Phong II Industrial Park (2A/2B)",
		ja: "DEEP C ハイフォン II 工業団地", ko: "DEEP C 하이퐁 II 산업단지",
		developer: "DEEP C Industrial Zones (Rent-A-Port group)", lon: 106.790, lat: 20.815, areaHa: 645,
		stage: "operating", ez: "ez-dvch", eco: "pilot", quality: "verified", verified: "2022-12-31",
		utils: "mva=20 kv=22 dual=sub-dv,sub-ndv water=1500 ww=1200 fibre=3",
		src:   "vccinews 2018; VIR 2022 (645 ha); zone utility defaults per plot [I]",
		shape: shape{olon: hp, olat: 20.827, xy: []float64{0.35, -1.15, 0.9, -2.6, 2.2, -3.0, 2.9, -2.2, 2.9, -0.3, 1.5, 0.35}, leaseUntil: "2067-12-31"}},
	{code: "Z-DC3", kind: "industrial_park", vi: "Khu công nghiệp DEEP C Hải Phòng III (đảo Cát Hải)", en: "DEEP C Hai Phong III Industrial Park (Cat Hai island)",
		developer: "DEEP C Industrial Zones (Rent-A-Port group)", lon: 106.895, lat: 20.805, areaHa: 500,
		stage: "established", ez: "ez-dvch", eco: "none", quality: "estimated",
		src:   "area ~500 ha [E]; own berth position from planning layer (DuongNhuICE/imap)",
		shape: shape{n: 6, aspect: 2.5, dy: 0.1, leaseUntil: "2068-12-31"}},
	{code: "Z-NDV", kind: "industrial_park", vi: "Khu công nghiệp Nam Đình Vũ", en: "Nam Dinh Vu Industrial Park",
		developer: "Sao Do Group", lon: 106.815, lat: 20.820, areaHa: 1329,
		stage: "operating", ez: "ez-dvch", eco: "none", bonded: true, quality: "verified", verified: "2025-07-20",
		src:   "vietnamnews (Sao Do interview); vietnam.vn 2025 (1,329 ha; 110 kV Nam Dinh Vu 1–2 energised May 2025)",
		shape: shape{olon: hp, olat: 20.827, xy: []float64{3.0, -2.8, 5.5, -3.2, 7.2, -1.8, 7.0, 0.4, 4.8, 1.0, 3.0, 0.2}, leaseUntil: "2060-12-31"}},
	{code: "Z-XC", kind: "industrial_park", vi: "Khu phi thuế quan và Khu công nghiệp Xuân Cầu (Lạch Huyện)", en: "Xuan Cau Industrial Park and Non-tariff Zone (Lach Huyen FTZ)",
		developer: "Xuan Cau – Lach Huyen JSC", lon: 106.900, lat: 20.785, areaHa: 752,
		stage: "under_construction", ez: "ez-dvch", eco: "none", bonded: true, quality: "verified", verified: "2025-03-31",
		src:   "lachhuyenftz.com.vn; hanoitimes 2023; vietnamnews Mar 2025 (752 ha, PM approval 535/QĐ-TTg 2021)",
		shape: shape{n: 8, aspect: 3.33, rot: 22.5, dy: 0.15, leaseUntil: "2071-12-31"}},
	{code: "Z-VSIP", kind: "industrial_park", vi: "Khu công nghiệp VSIP Hải Phòng", en: "VSIP Hai Phong Industrial Park",
		ko: "VSIP 하이퐁 산업단지", ja: "VSIPハイフォン工業団地", zh: "越南新加坡工业园（海防）",
		developer: "VSIP Hai Phong (Becamex IDC – Sembcorp)", lon: 106.723, lat: 20.910, areaHa: 1566,
		stage: "operating", ez: "ez-dvch", eco: "none", quality: "verified", verified: "2021-12-31",
		utils: "mva=10 kv=22 water=800 ww=640 fibre=3",
		src:   "vsip.com.vn 2021; becamex.com.vn (1,566 ha township + IP); zone utility defaults per plot [I]",
		shape: shape{xy: []float64{-3.0, -0.6, -2.0, -1.7, 0.6, -1.7, 1.7, -0.6, 1.5, 1.0, 0.3, 1.6, -2.4, 1.3}, leaseUntil: "2058-12-31"}},
	{code: "Z-TD", kind: "industrial_park", vi: "Khu công nghiệp Tràng Duệ (giai đoạn 1–2)", en: "Trang Due Industrial Park (phases 1–2)",
		developer: "Saigon–Hai Phong Industrial Park Corp. (SHP, Kinh Bac)", lon: 106.562, lat: 20.862, areaHa: 401,
		stage: "operating", ez: "ez-dvch", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "haiphongnews.gov.vn; trangdue-ip.com.vn; vn-iz.com (187 + 214 ha)",
		shape: shape{n: 7, aspect: 1.0, rot: 90, leaseUntil: "2057-12-31"}},
	{code: "Z-TD3", kind: "industrial_park", vi: "Khu công nghiệp Tràng Duệ 3", en: "Trang Due 3 Industrial Park",
		developer: "Kinh Bac City Development Holding (KBC)", lon: 106.560, lat: 20.830, areaHa: 652.73,
		stage: "established", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "vietnam.vn 2025 (established H1 2025, 652.73 ha); cafef 2023",
		shape: shape{n: 6, aspect: 1.3, leaseUntil: "2075-06-30"}},
	{code: "Z-NM", kind: "industrial_park", vi: "Khu công nghiệp Japan Hải Phòng (Nomura Hải Phòng cũ)", en: "Japan Hai Phong Industrial Park (ex-Nomura Hai Phong)",
		ja:        "ジャパン・ハイフォン工業団地（旧野村ハイフォン工業団地）",
		developer: "PC1 Group", lon: 106.590, lat: 20.900, areaHa: 153,
		stage: "operating", eco: "none", quality: "verified", verified: "2022-12-31",
		utils: "mva=5 kv=22 water=400 ww=320 fibre=2",
		src:   "vccinews; vietnamplus; viet-kabu 2022 (153 ha, own 50 MW plant, 13,500 m³/day water); zone defaults per plot [I]",
		shape: shape{n: 6, aspect: 1.0, rot: 30, leaseUntil: "2044-12-31"}},
	{code: "Z-NM2", kind: "industrial_park", vi: "Khu công nghiệp Nomura 2 (Khu công nghiệp Quốc tế Hải Phòng)", en: "Nomura 2 Industrial Park (Hai Phong International IP)",
		developer: "PC1 Group", lon: 106.575, lat: 20.910, areaHa: 197.16,
		stage: "established", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "viet-kabu 2025; vietnam.vn 2025 (197.16 ha)",
		shape: shape{n: 5, aspect: 1.0, rot: 90, leaseUntil: "2074-12-31"}},
	{code: "Z-NCK", kind: "industrial_park", vi: "Khu công nghiệp Nam Cầu Kiền", en: "Nam Cau Kien Industrial Park",
		ja:        "ナムカウキエン工業団地",
		developer: "Shinec JSC", lon: 106.610, lat: 20.940, areaHa: 263.47,
		stage: "operating", eco: "pilot", quality: "verified", verified: "2025-07-20",
		utils: "mva=8 kv=22 water=600 ww=480 fibre=2",
		src:   "viet-jo; vietmaz/VIR; vietnam.vn 2025 (263.47 ha); zone defaults per plot [I]",
		shape: shape{n: 7, aspect: 1.4, rot: 15, leaseUntil: "2058-12-31"}},
	{code: "Z-AD", kind: "industrial_park", vi: "Khu công nghiệp An Dương", en: "An Duong Industrial Park",
		developer: "Hong Ha – Hai Phong", lon: 106.580, lat: 20.850, areaHa: 196,
		stage: "operating", eco: "none", quality: "estimated",
		src:   "namdinhvu.com (tenants); area ~196 ha [E]; utility figures not published (unknown)",
		shape: shape{n: 6, aspect: 1.0, leaseUntil: "2058-12-31"}},
	{code: "Z-TT", kind: "industrial_park", vi: "Khu công nghiệp Tân Trào (giai đoạn 1)", en: "Tan Trao Industrial Park (phase 1)",
		developer: "Vinhomes Industrial Investment JSC Hai Phong", lon: 106.665, lat: 20.705, areaHa: 226.79,
		stage: "under_construction", ez: "ez-scoast", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "laodong 2025; vietnam.vn 2025 (226.79 ha); river port cluster from planning layer",
		shape: shape{n: 6, aspect: 1.15, drawHa: 260, leaseUntil: "2075-06-30"}},
	{code: "Z-NP", kind: "industrial_park", vi: "Khu công nghiệp Ngũ Phúc (giai đoạn 1)", en: "Ngu Phuc Industrial Park (phase 1)",
		lon: 106.635, lat: 20.720, areaHa: 238.6,
		stage: "established", ez: "ez-scoast", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "vietnam.vn 2025 (238.6 ha phase 1); vnfdi.com (639.7 ha study area [V*])",
		shape: shape{n: 8, aspect: 1.0, rot: 22.5, leaseUntil: "2075-06-30"}},
	{code: "Z-DS", kind: "industrial_park", vi: "Khu công nghiệp Đồ Sơn", en: "Do Son Industrial Park",
		lon: 106.765, lat: 20.725, areaHa: 150,
		stage: "operating", ez: "ez-scoast", eco: "none", quality: "estimated",
		src:   "tuoitrenews 2024 (flooded in Typhoon Yagi); area ~150 ha [E]",
		shape: shape{n: 5, aspect: 1.0, rot: 90, leaseUntil: "2058-12-31"}},
	{code: "Z-NTC", kind: "industrial_park", vi: "Khu công nghiệp Nam Tràng Cát", en: "Nam Trang Cat Industrial Park",
		lon: 106.750, lat: 20.810, areaHa: 200.39,
		stage: "established", ez: "ez-dvch", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "vietnam.vn 2025 (200.39 ha; ja.laodong gives 292.39 ha — conflicting); aircraft-approach height limits likely [E]",
		shape: shape{n: 7, aspect: 1.2, rot: 10, drawHa: 250, leaseUntil: "2075-06-30"}},
	{code: "Z-TN", kind: "industrial_park", vi: "Khu công nghiệp Thủy Nguyên", en: "Thuy Nguyen Industrial Park",
		lon: 106.750, lat: 20.930, areaHa: 319,
		stage: "investment_policy_approved", eco: "none", quality: "verified", verified: "2025-06-30",
		src:   "diendandoanhnghiep; laodong 2025 (~319 ha, phase-1 land recovery 204 ha)",
		shape: shape{olon: 106.723, olat: 20.910, xy: []float64{1.95, 1.45, 3.6, 1.2, 4.2, 2.3, 3.6, 3.4, 2.2, 3.3, 1.9, 2.3}, leaseUntil: "2094-12-31"}},
	{code: "Z-TTH", kind: "industrial_park", vi: "Khu công nghiệp Tiên Thanh", en: "Tien Thanh Industrial Park",
		lon: 106.620, lat: 20.680, areaHa: 410,
		stage: "under_construction", ez: "ez-scoast", eco: "none", quality: "verified", verified: "2021-12-31",
		utils: "mva=10 kv=22 water=1000 ww=800 fibre=1",
		src:   "en.vneconomy.vn (410 ha, IRC 2021); zone defaults per plot [I]",
		shape: shape{n: 7, aspect: 1.5, leaseUntil: "2071-12-31"}},
	{code: "Z-VQ", kind: "industrial_park", vi: "Khu công nghiệp Vinh Quang", en: "Vinh Quang Industrial Park",
		lon: 106.450, lat: 20.700, areaHa: 226.01,
		stage: "established", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "vietnam.vn 2025 (226.01 ha; ja.laodong gives 242.06 ha — conflicting)",
		shape: shape{n: 6, aspect: 1.2, leaseUntil: "2075-06-30"}},
	{code: "Z-HDI", kind: "industrial_park", vi: "Khu công nghiệp Hoàng Diệu", en: "Hoang Dieu Industrial Park",
		developer: "Hoa Phat Group", lon: 106.300, lat: 20.860, areaHa: 245.03,
		stage: "established", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "wkvetter (Nguoi Lao Dong); laodong 2025; vietnam.vn 2025 (245.03 ha)",
		shape: shape{n: 7, aspect: 1.0, rot: 90, drawHa: 300, leaseUntil: "2075-06-30"}},
	{code: "Z-DA", kind: "industrial_park", vi: "Khu công nghiệp Đại An và Đại An mở rộng", en: "Dai An Industrial Park and expansion",
		lon: 106.280, lat: 20.930, areaHa: 664,
		stage: "operating", eco: "none", quality: "secondary", verified: "2023-05-31",
		utils: "mva=6 kv=22 water=500 ww=400 fibre=2",
		src:   "khucongnghiep.com.vn; vietdata.vn (664 ha planned in 2008: zone 1 ≈190, zone 2 ≈474); zone defaults per plot [I]",
		shape: shape{n: 8, aspect: 1.3, rot: 22.5, leaseUntil: "2053-12-31"}},
	{code: "Z-PT", kind: "industrial_park", vi: "Khu công nghiệp Phú Thái", en: "Phu Thai Industrial Park",
		lon: 106.520, lat: 20.970, stage: "operating", eco: "none", quality: "estimated",
		utils: "fibre=2",
		src:   "vietnam.vn 2025 (>99 % occupied); area not published, drawn ~200 ha [E]",
		shape: shape{n: 6, aspect: 1.1, drawHa: 200, leaseUntil: "2058-12-31"}},
	{code: "Z-CH", kind: "industrial_park", vi: "Khu công nghiệp Cộng Hòa", en: "Cong Hoa Industrial Park",
		lon: 106.390, lat: 21.090, stage: "operating", eco: "none", quality: "estimated",
		utils: "water=400 ww=320 fibre=2",
		src:   "baohaiduong 2023 (62.4 ha vacant); area not published, drawn ~220 ha [E]",
		shape: shape{n: 5, aspect: 1.0, rot: 90, drawHa: 220, leaseUntil: "2057-12-31"}},
	{code: "Z-LC", kind: "industrial_park", vi: "Khu công nghiệp Lai Cách", en: "Lai Cach Industrial Park",
		lon: 106.220, lat: 20.940, stage: "operating", eco: "none", quality: "estimated",
		utils: "mva=5 kv=22 water=300 ww=240 fibre=2",
		src:   "baohaiduong 2023 (40.25 ha vacant); area not published, drawn ~180 ha [E]; zone defaults per plot [I]",
		shape: shape{n: 7, aspect: 1.0, drawHa: 180, leaseUntil: "2053-12-31"}},
	{code: "Z-AP1", kind: "industrial_park", vi: "Khu công nghiệp An Phát 1", en: "An Phat 1 Industrial Park",
		lon: 106.330, lat: 21.000, stage: "operating", eco: "none", quality: "estimated",
		src:   "baohaiduong (40 ha vacant 2023; Biel Crystal >20 ha 2024); area not published, drawn ~210 ha [E]",
		shape: shape{n: 6, aspect: 1.0, rot: 30, drawHa: 210, leaseUntil: "2058-12-31"}},
	{code: "Z-BG", kind: "industrial_park", vi: "Khu công nghiệp Bình Giang", en: "Binh Giang Industrial Park",
		lon: 106.170, lat: 20.870, areaHa: 147.9,
		stage: "established", eco: "none", quality: "verified", verified: "2025-07-20",
		src:   "vietnam.vn 2025 (147.9 ha)",
		shape: shape{n: 6, aspect: 1.0, leaseUntil: "2075-06-30"}},
}

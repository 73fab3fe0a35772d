package sites

// Better says which value of a property is the better one for an investor.
type Better string

// The rules of Better. They are the matcher's: more is better for power,
// water, wastewater, fibre, area, elevation, remaining term and distance to
// hazards; less for price, fees, flood risk and the other distances.
const (
	More Better = "more"
	Less Better = "less"
	None Better = "" // not ranked (status, dates, sectors, data quality)
)

// Property is one row of a comparison or a fact sheet.
type Property struct {
	Name   string // the parcel property
	Unit   string // "" when the value has none
	Better Better
	// Group is "spec", "distance" or "quality".
	Group string
}

// Properties are the rows compared, in order.
var Properties = []Property{
	{"area_ha", "ha", More, "spec"},
	{"status", "", None, "spec"},
	{"available_from", "", None, "spec"},
	{"lease_price_usd_m2", "USD/m²", Less, "spec"},
	{"management_fee_usd_m2_year", "USD/m²/yr", Less, "spec"},
	{"lease_term_remaining_years", "yr", More, "spec"},
	{"power_capacity_mva", "MVA", More, "spec"},
	{"power_voltage_kv", "kV", More, "spec"},
	{"power_dual_feed", "", More, "spec"},
	{"water_m3_day", "m³/d", More, "spec"},
	{"wastewater_m3_day", "m³/d", More, "spec"},
	{"fibre_carriers", "", More, "spec"},
	{"flood_risk", "", Less, "spec"},
	{"elevation_m", "m", More, "spec"},
	{"sectors", "", None, "spec"},
	{"distance_seaport_km", "km", Less, "distance"},
	{"distance_deepsea_port_km", "km", Less, "distance"},
	{"distance_airport_km", "km", Less, "distance"},
	{"distance_expressway_km", "km", Less, "distance"},
	{"distance_substation_km", "km", Less, "distance"},
	{"distance_hazard_km", "km", More, "distance"},
	{"data_quality", "", None, "quality"},
	{"source", "", None, "quality"},
	{"verified_at", "", None, "quality"},
}

// floodOrder ranks flood risk for "less is better".
var floodOrder = map[string]float64{"low": 0, "medium": 1, "high": 2}

// labels are the property names in each language the API speaks.
var labels = map[string]map[string]string{
	"area_ha":                    {"vi": "Diện tích", "en": "Area", "ko": "면적", "ja": "面積", "zh": "面积"},
	"status":                     {"vi": "Tình trạng", "en": "Status", "ko": "상태", "ja": "状況", "zh": "状态"},
	"available_from":             {"vi": "Bàn giao đất", "en": "Land handover", "ko": "토지 인도", "ja": "引渡し時期", "zh": "交地时间"},
	"lease_price_usd_m2":         {"vi": "Giá thuê đất", "en": "Land price", "ko": "토지 임대료", "ja": "土地賃料", "zh": "土地租金"},
	"management_fee_usd_m2_year": {"vi": "Phí quản lý", "en": "Management fee", "ko": "관리비", "ja": "管理費", "zh": "管理费"},
	"lease_term_remaining_years": {"vi": "Thời hạn thuê còn lại", "en": "Remaining lease term", "ko": "잔여 임대 기간", "ja": "残存賃貸期間", "zh": "剩余租期"},
	"power_capacity_mva":         {"vi": "Công suất điện", "en": "Power capacity", "ko": "전력 용량", "ja": "電力容量", "zh": "电力容量"},
	"power_voltage_kv":           {"vi": "Cấp điện áp", "en": "Supply voltage", "ko": "공급 전압", "ja": "供給電圧", "zh": "供电电压"},
	"power_dual_feed":            {"vi": "Cấp điện hai nguồn", "en": "Dual power feed", "ko": "이중 전원", "ja": "二系統受電", "zh": "双回路供电"},
	"water_m3_day":               {"vi": "Nước sạch", "en": "Clean water", "ko": "용수", "ja": "上水", "zh": "供水"},
	"wastewater_m3_day":          {"vi": "Xử lý nước thải", "en": "Wastewater treatment", "ko": "폐수 처리", "ja": "排水処理", "zh": "污水处理"},
	"fibre_carriers":             {"vi": "Số nhà mạng cáp quang", "en": "Fibre carriers", "ko": "광통신 사업자 수", "ja": "光回線事業者数", "zh": "光纤运营商数"},
	"flood_risk":                 {"vi": "Nguy cơ ngập", "en": "Flood risk", "ko": "침수 위험", "ja": "浸水リスク", "zh": "洪涝风险"},
	"elevation_m":                {"vi": "Cao độ nền", "en": "Platform elevation", "ko": "부지 표고", "ja": "敷地標高", "zh": "场地标高"},
	"sectors":                    {"vi": "Ngành nghề được phép", "en": "Sectors allowed", "ko": "허용 업종", "ja": "許可業種", "zh": "允许行业"},
	"distance_seaport_km":        {"vi": "Đến cảng biển", "en": "To a seaport", "ko": "항만까지", "ja": "港湾まで", "zh": "至海港"},
	"distance_deepsea_port_km":   {"vi": "Đến cảng nước sâu", "en": "To a deep-sea port", "ko": "심해항까지", "ja": "深水港まで", "zh": "至深水港"},
	"distance_airport_km":        {"vi": "Đến sân bay", "en": "To an airport", "ko": "공항까지", "ja": "空港まで", "zh": "至机场"},
	"distance_expressway_km":     {"vi": "Đến nút giao cao tốc", "en": "To an expressway interchange", "ko": "고속도로 IC까지", "ja": "高速道路ICまで", "zh": "至高速互通"},
	"distance_substation_km":     {"vi": "Đến trạm biến áp", "en": "To a substation", "ko": "변전소까지", "ja": "変電所まで", "zh": "至变电站"},
	"distance_hazard_km":         {"vi": "Đến cơ sở nguy hiểm", "en": "To a hazardous site", "ko": "위험 시설까지", "ja": "危険施設まで", "zh": "至危险设施"},
	"data_quality":               {"vi": "Chất lượng dữ liệu", "en": "Data quality", "ko": "데이터 품질", "ja": "データ品質", "zh": "数据质量"},
	"source":                     {"vi": "Nguồn", "en": "Source", "ko": "출처", "ja": "出典", "zh": "来源"},
	"verified_at":                {"vi": "Ngày xác minh", "en": "Verified on", "ko": "확인일", "ja": "確認日", "zh": "核实日期"},
}

// terms translate enumerated values.
var terms = map[string]map[string]string{
	"available":      {"vi": "Sẵn sàng cho thuê", "en": "Available", "ko": "임대 가능", "ja": "賃貸可", "zh": "可租"},
	"in_preparation": {"vi": "Đang chuẩn bị", "en": "In preparation", "ko": "준비 중", "ja": "準備中", "zh": "准备中"},
	"reserved":       {"vi": "Đã đặt chỗ", "en": "Reserved", "ko": "예약됨", "ja": "予約済", "zh": "已预订"},
	"leased":         {"vi": "Đã cho thuê", "en": "Leased", "ko": "임대됨", "ja": "賃貸済", "zh": "已出租"},
	"low":            {"vi": "Thấp", "en": "Low", "ko": "낮음", "ja": "低", "zh": "低"},
	"medium":         {"vi": "Trung bình", "en": "Medium", "ko": "보통", "ja": "中", "zh": "中"},
	"high":           {"vi": "Cao", "en": "High", "ko": "높음", "ja": "高", "zh": "高"},
	"verified":       {"vi": "Đã xác minh", "en": "Verified", "ko": "확인됨", "ja": "確認済", "zh": "已核实"},
	"secondary":      {"vi": "Nguồn thứ cấp", "en": "Secondary source", "ko": "2차 출처", "ja": "二次情報", "zh": "二手来源"},
	"estimated":      {"vi": "Ước tính", "en": "Estimated", "ko": "추정", "ja": "推定", "zh": "估计"},
	"illustrative":   {"vi": "Minh họa (dữ liệu mẫu)", "en": "Illustrative (demo data)", "ko": "예시 (데모 데이터)", "ja": "例示 (デモデータ)", "zh": "示例 (演示数据)"},
	"yes":            {"vi": "Có", "en": "Yes", "ko": "예", "ja": "あり", "zh": "是"},
	"no":             {"vi": "Không", "en": "No", "ko": "아니오", "ja": "なし", "zh": "否"},
	"high_tech":      {"vi": "Công nghệ cao", "en": "High-tech", "ko": "첨단 기술", "ja": "ハイテク", "zh": "高科技"},
	"green_industry": {"vi": "Công nghiệp xanh", "en": "Green industry", "ko": "친환경 산업", "ja": "グリーン産業", "zh": "绿色产业"},
	"logistics":      {"vi": "Logistics", "en": "Logistics", "ko": "물류", "ja": "物流", "zh": "物流"},
	"data_center":    {"vi": "Trung tâm dữ liệu", "en": "Data centres", "ko": "데이터 센터", "ja": "データセンター", "zh": "数据中心"},
	"light_industry": {"vi": "Công nghiệp nhẹ", "en": "Light industry", "ko": "경공업", "ja": "軽工業", "zh": "轻工业"},
	"heavy_industry": {"vi": "Công nghiệp nặng", "en": "Heavy industry", "ko": "중공업", "ja": "重工業", "zh": "重工业"},
	"chemicals":      {"vi": "Hóa chất", "en": "Chemicals", "ko": "화학", "ja": "化学", "zh": "化工"},
	"services":       {"vi": "Dịch vụ", "en": "Services", "ko": "서비스", "ja": "サービス", "zh": "服务"},
	"energy":         {"vi": "Năng lượng", "en": "Energy", "ko": "에너지", "ja": "エネルギー", "zh": "能源"},
	"unknown":        {"vi": "chưa công bố", "en": "not published", "ko": "미공개", "ja": "未公表", "zh": "未公布"},
}

// Label returns the name of a property in lang (English when lang has none).
func Label(name, lang string) string { return pick(labels[name], lang, name) }

// Term returns an enumerated value (a status, flood risk, data quality,
// yes/no) in lang.
func Term(value, lang string) string { return pick(terms[value], lang, value) }

func pick(m map[string]string, lang, fallback string) string {
	if s, ok := m[lang]; ok {
		return s
	}
	if s, ok := m["en"]; ok {
		return s
	}
	return fallback
}

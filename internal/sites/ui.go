package sites

import "strings"

// ui are the words of the comparison pages and fact sheets.
var ui = map[string]map[string]string{
	"compare":      {"vi": "So sánh địa điểm", "en": "Compare sites", "ko": "부지 비교", "ja": "用地の比較", "zh": "地块比较"},
	"factsheet":    {"vi": "Thông tin lô đất", "en": "Site fact sheet", "ko": "부지 개요", "ja": "用地概要", "zh": "地块概况"},
	"shortlist":    {"vi": "Danh sách chọn lọc", "en": "Shortlist", "ko": "후보 목록", "ja": "候補リスト", "zh": "候选清单"},
	"better":       {"vi": "tốt hơn", "en": "better", "ko": "우수", "ja": "優位", "zh": "较优"},
	"more":         {"vi": "càng lớn càng tốt", "en": "more is better", "ko": "클수록 좋음", "ja": "大きいほど良い", "zh": "越大越好"},
	"less":         {"vi": "càng nhỏ càng tốt", "en": "less is better", "ko": "작을수록 좋음", "ja": "小さいほど良い", "zh": "越小越好"},
	"legend":       {"vi": "★ giá trị tốt hơn theo quy tắc của từng dòng", "en": "★ the better value by each row's rule", "ko": "★ 각 행의 기준에 따른 우수 값", "ja": "★ 各行の基準で優位な値", "zh": "★ 按各行规则的较优值"},
	"specs":        {"vi": "Thông số", "en": "Specifications", "ko": "사양", "ja": "仕様", "zh": "规格"},
	"distances":    {"vi": "Khoảng cách (đường chim bay)", "en": "Distances (straight line)", "ko": "거리 (직선)", "ja": "距離 (直線)", "zh": "距离 (直线)"},
	"quality":      {"vi": "Chất lượng và nguồn dữ liệu", "en": "Data quality and sources", "ko": "데이터 품질과 출처", "ja": "データ品質と出典", "zh": "数据质量与来源"},
	"nearest":      {"vi": "gần nhất", "en": "nearest", "ko": "가장 가까운", "ja": "最寄り", "zh": "最近"},
	"zone":         {"vi": "Khu", "en": "Zone", "ko": "단지", "ja": "工業団地", "zh": "园区"},
	"map":          {"vi": "Bản đồ", "en": "Map", "ko": "지도", "ja": "地図", "zh": "地图"},
	"openMap":      {"vi": "Mở trên bản đồ", "en": "Open on the map", "ko": "지도에서 열기", "ja": "地図で開く", "zh": "在地图上打开"},
	"ask":          {"vi": "Hỏi về các địa điểm này", "en": "Ask about these sites", "ko": "이 부지에 대해 문의", "ja": "この用地について問い合わせ", "zh": "咨询这些地块"},
	"note":         {"vi": "Ghi chú", "en": "Note", "ko": "메모", "ja": "メモ", "zh": "备注"},
	"search":       {"vi": "Tiêu chí tìm kiếm", "en": "Search that found them", "ko": "검색 조건", "ja": "検索条件", "zh": "搜索条件"},
	"expires":      {"vi": "Liên kết hết hạn ngày", "en": "Link expires on", "ko": "링크 만료일", "ja": "リンク有効期限", "zh": "链接到期日"},
	"generated":    {"vi": "Lập ngày", "en": "Generated on", "ko": "작성일", "ja": "作成日", "zh": "生成日期"},
	"unavailable":  {"vi": "Lô này không còn được công bố", "en": "This parcel is no longer published", "ko": "더 이상 공개되지 않는 부지", "ja": "この区画は公開終了", "zh": "该地块已不再公布"},
	"basemap":      {"vi": "Nền bản đồ", "en": "Basemap", "ko": "배경 지도", "ja": "背景地図", "zh": "底图"},
	"disclaimer":   {"vi": "Số liệu do cơ quan xúc tiến đầu tư công bố; hãy xác nhận với ban quản lý trước khi quyết định.", "en": "Figures as published by the investment agency; confirm them with the park before deciding.", "ko": "투자청이 공개한 수치입니다. 결정 전에 단지 측에 확인하십시오.", "ja": "投資促進機関の公表値です。決定前に団地側へご確認ください。", "zh": "数据由投资促进机构公布，决策前请与园区确认。"},
	"cjkNote":      {"vi": "PDF này không nhúng phông chữ {language} nên được in bằng tiếng Việt và tiếng Anh; bản HTML (f=html) bằng {language}.", "en": "This PDF embeds no {language} font, so it is in Vietnamese and English; the HTML fact sheet (f=html) is in {language}."},
	"lang-ko":      {"vi": "tiếng Hàn", "en": "Korean"},
	"lang-ja":      {"vi": "tiếng Nhật", "en": "Japanese"},
	"lang-zh":      {"vi": "tiếng Trung", "en": "Chinese"},
	"inherited":    {"vi": "giá trị của khu công nghiệp (lô không công bố riêng)", "en": "the zone's value (the parcel publishes none of its own)", "ko": "단지 기준 값 (부지별 미공개)", "ja": "団地の値 (区画の値は未公表)", "zh": "园区数值 (地块未单独公布)"},
	"legendParcel": {"vi": "Lô đất", "en": "Parcel", "ko": "부지", "ja": "区画", "zh": "地块"},
	"legendInfra":  {"vi": "Hạ tầng gần nhất", "en": "Nearest infrastructure", "ko": "주요 기반시설", "ja": "最寄りのインフラ", "zh": "最近的基础设施"},
}

// UI returns a word of the pages in lang (English when lang has none).
func UI(key, lang string) string { return pick(ui[key], lang, key) }

// CJKNote says, in Vietnamese and English, why a PDF for a reader of
// lang (ko, ja or zh) is not in their language: the PDF's font cannot
// draw their script, so the note must not be in it either.
func CJKNote(lang string) string {
	out := []string{}
	for _, l := range []string{"vi", "en"} {
		out = append(out, strings.ReplaceAll(UI("cjkNote", l), "{language}", UI("lang-"+lang, l)))
	}
	return strings.Join(out, " / ")
}

// RuleText says a property's rule in lang ("more is better"), or "".
func RuleText(b Better, lang string) string {
	if b == None {
		return ""
	}
	return UI(string(b), lang)
}

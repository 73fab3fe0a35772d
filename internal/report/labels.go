package report

// labels are the HTML page's words in each of HTMLLanguages.
var labels = map[string]map[string]string{
	"en": {
		"title": "Land-bank review", "generated": "Generated", "revision": "catalogue revision",
		"zones": "Zones", "on_offer": "On offer", "ready": "Ready now (dual feed ≥ 110 kV, water, handed over)",
		"largest_parcel": "Largest available parcel", "largest_block": "Largest assemblable block",
		"never_verified": "Features never verified", "by_status": "Area by status, largest zones (ha)",
		"by_profile": "Area on offer meeting each sector profile (ha)", "demand": "Demand",
		"requests": "match requests", "no_site": "found no site", "by_sector": "Requests by sector (∅ = found no site)",
		"by_size": "Requests by minimum area (∅ = found no site)", "tables": "Tables",
		"block_note":       "Blocks: up to %d adjacent parcels on offer of one zone, across roads of up to %s m.",
		"status_available": "available", "status_reserved": "reserved", "status_leased": "leased", "status_in_preparation": "in preparation",
		"section_zones": "Zones", "section_totals": "Totals", "section_demand": "Demand window",
		"section_demand_by_sector": "Demand by sector", "section_demand_by_size": "Demand by size",
		"section_demand_requirements": "Requirements that eliminated sites", "section_demand_relax_one": "Relaxing one requirement would have helped",
	},
	"vi": {
		"title": "Rà soát quỹ đất", "generated": "Lập lúc", "revision": "phiên bản dữ liệu",
		"zones": "Khu", "on_offer": "Đang chào thuê", "ready": "Sẵn sàng ngay (hai nguồn ≥ 110 kV, có nước, đã bàn giao)",
		"largest_parcel": "Lô sẵn sàng lớn nhất", "largest_block": "Khối ghép lớn nhất",
		"never_verified": "Đối tượng chưa từng xác minh", "by_status": "Diện tích theo tình trạng, các khu lớn nhất (ha)",
		"by_profile": "Diện tích đang chào thuê đáp ứng từng nhóm ngành (ha)", "demand": "Nhu cầu",
		"requests": "yêu cầu tìm địa điểm", "no_site": "không tìm được địa điểm", "by_sector": "Yêu cầu theo ngành (∅ = không tìm được)",
		"by_size": "Yêu cầu theo diện tích tối thiểu (∅ = không tìm được)", "tables": "Bảng số liệu",
		"block_note":       "Khối ghép: tối đa %d lô liền kề đang chào thuê của cùng một khu, cách nhau không quá %s m.",
		"status_available": "sẵn sàng", "status_reserved": "đã giữ chỗ", "status_leased": "đã cho thuê", "status_in_preparation": "đang chuẩn bị",
		"section_zones": "Các khu", "section_totals": "Tổng hợp", "section_demand": "Khoảng thời gian",
		"section_demand_by_sector": "Nhu cầu theo ngành", "section_demand_by_size": "Nhu cầu theo quy mô",
		"section_demand_requirements": "Yêu cầu loại bỏ nhiều địa điểm nhất", "section_demand_relax_one": "Nới một yêu cầu thì đã có địa điểm",
	},
}

// i18n.js: every string the map page shows, in Vietnamese and English,
// and number, date and value formatting.

export const LANGS = ['vi', 'en'];

const STRINGS = {
  vi: {
    pageTitle: 'Quỹ đất công nghiệp Hải Phòng — landcat',
    title: 'Quỹ đất công nghiệp Hải Phòng',
    subtitle: 'Bản đồ cho nhà đầu tư',
    skip: 'Chuyển đến tìm địa điểm',
    language: 'Ngôn ngữ',
    findSites: 'Tìm địa điểm',
    hideFinder: 'Ẩn bảng tìm kiếm',
    goToParcel: 'Đến lô đất',
    goToParcelPlaceholder: 'Mã lô, ví dụ HP-DC2-01',
    go: 'Xem',
    mapLabel: 'Bản đồ khu công nghiệp, lô đất và hạ tầng Hải Phòng',
    loading: 'Đang tải…',
    close: 'Đóng',
    dismiss: 'Bỏ qua',
    error: 'Lỗi',
    unknownParcel: 'Không có lô đất mã {code}.',
    zoomIn: 'Phóng to để xem lô đất',

    legend: 'Chú giải',
    legendParcels: 'Lô đất',
    legendInfra: 'Hạ tầng',
    legendLines: 'Tuyến',
    legendZones: 'Khu',
    legendMatch: 'Kết quả tìm kiếm',
    legendRanked: 'Phù hợp (thứ hạng)',
    legendExcluded: 'Không phù hợp (di chuột để xem lý do)',
    legendPlanned: 'Nét đứt / rỗng: đang xây dựng hoặc quy hoạch',
    legendIndustrialPark: 'Khu công nghiệp',
    legendEconomicZone: 'Khu kinh tế, khu thương mại tự do',
    legendToggle: 'Hiện/ẩn chú giải',

    // Parcel panel
    parcel: 'Lô đất',
    zone: 'Khu công nghiệp',
    specifications: 'Thông số',
    distances: 'Khoảng cách (đường chim bay)',
    nearest: 'Gần nhất',
    km: 'km',
    dataQuality: 'Chất lượng dữ liệu',
    source: 'Nguồn',
    verifiedAt: 'Xác minh ngày',
    updatedAt: 'Cập nhật',
    revision: 'Phiên bản dữ liệu',
    downloadGeoJSON: 'Tải GeoJSON của lô này',
    openPage: 'Trang chi tiết',
    inherited: 'theo KCN',
    inheritedTitle: 'Giá trị lấy từ khu công nghiệp chứa lô đất',
    inheritedNote: '“theo KCN”: lô không công bố riêng, giá trị lấy từ khu công nghiệp.',
    notPublished: 'chưa công bố',
    yes: 'Có',
    no: 'Không',
    until: 'đến {date}',
    showOnMap: 'Xem {name} trên bản đồ',
    matchRank: 'Hạng {rank} trong kết quả tìm kiếm, điểm {score}',
    matchExcluded: 'Không phù hợp với yêu cầu tìm kiếm:',
    noNearest: 'không có',

    // Finder
    finderIntro: 'Chọn ngành, điều chỉnh yêu cầu chính rồi tìm. Các lô được xếp hạng theo trọng số của ngành.',
    sector: 'Ngành',
    sectorNone: '— Không theo ngành (chỉ yêu cầu bên dưới) —',
    requirements: 'Yêu cầu',
    profileAlso: 'Hồ sơ ngành còn yêu cầu:',
    weights: 'Xếp hạng theo (trọng số):',
    areaRange: 'Diện tích (ha)',
    min: 'Tối thiểu',
    max: 'Tối đa',
    any: 'Bất kỳ',
    floodAtMost: 'Nguy cơ ngập tối đa',
    maxDistances: 'Khoảng cách tối đa (km) đến',
    run: 'Tìm địa điểm',
    running: 'Đang tìm…',
    resetProfile: 'Về mặc định của ngành',
    clear: 'Xóa kết quả',
    resultsSummary: 'Xét {considered} lô · {matched} lô đạt mọi yêu cầu',
    resultsShown: 'Hiển thị {shown} lô tốt nhất.',
    noResults: 'Không có lô nào đạt mọi yêu cầu. Xem bảng loại trừ dưới đây để biết nên nới yêu cầu nào.',
    score: 'Điểm',
    weight: 'trọng số',
    why: 'Vì sao?',
    funnel: 'Loại trừ theo từng yêu cầu',
    funnelEliminated: 'loại {n}',
    funnelOnly: '{n} lô chỉ vướng yêu cầu này',
    matcherUnavailable: 'Chưa dùng được công cụ tìm kiếm',
    selectResult: 'Xem lô {code}',
    excludedCount: '{n} lô bị loại (tô xám trên bản đồ)',
    resultsHeading: 'Kết quả',
    invalidNumber: 'Số không hợp lệ',
    minAboveMax: 'Giá trị tối thiểu lớn hơn tối đa',
  },
  en: {
    pageTitle: 'Hai Phong industrial land bank — landcat',
    title: 'Hai Phong industrial land bank',
    subtitle: 'Investor map',
    skip: 'Skip to find sites',
    language: 'Language',
    findSites: 'Find sites',
    hideFinder: 'Hide the site finder',
    goToParcel: 'Go to parcel',
    goToParcelPlaceholder: 'Parcel code, e.g. HP-DC2-01',
    go: 'Go',
    mapLabel: 'Map of Hai Phong industrial zones, parcels and infrastructure',
    loading: 'Loading…',
    close: 'Close',
    dismiss: 'Dismiss',
    error: 'Error',
    unknownParcel: 'There is no parcel {code}.',
    zoomIn: 'Zoom in to see parcels',

    legend: 'Legend',
    legendParcels: 'Parcels',
    legendInfra: 'Infrastructure',
    legendLines: 'Lines',
    legendZones: 'Zones',
    legendMatch: 'Site search',
    legendRanked: 'Matching (rank)',
    legendExcluded: 'Not matching (hover for reasons)',
    legendPlanned: 'Dashed / hollow: under construction or planned',
    legendIndustrialPark: 'Industrial park',
    legendEconomicZone: 'Economic zone, free-trade zone',
    legendToggle: 'Show or hide the legend',

    parcel: 'Parcel',
    zone: 'Zone',
    specifications: 'Specifications',
    distances: 'Distances (straight line)',
    nearest: 'Nearest',
    km: 'km',
    dataQuality: 'Data quality',
    source: 'Source',
    verifiedAt: 'Verified on',
    updatedAt: 'Updated',
    revision: 'Catalogue revision',
    downloadGeoJSON: 'Download this parcel as GeoJSON',
    openPage: 'Detail page',
    inherited: 'from zone',
    inheritedTitle: 'Value taken from the zone the parcel lies in',
    inheritedNote: '“from zone”: not published for the parcel itself; the zone’s value applies.',
    notPublished: 'not published',
    yes: 'Yes',
    no: 'No',
    until: 'until {date}',
    showOnMap: 'Show {name} on the map',
    matchRank: 'Rank {rank} in the site search, score {score}',
    matchExcluded: 'Does not meet the search requirements:',
    noNearest: 'none',

    finderIntro: 'Pick a sector, adjust the main requirements and search. Matching parcels are ranked by the sector’s weights.',
    sector: 'Sector',
    sectorNone: '— No sector (only the requirements below) —',
    requirements: 'Requirements',
    profileAlso: 'The sector profile also requires:',
    weights: 'Ranked by (weight):',
    areaRange: 'Area (ha)',
    min: 'Minimum',
    max: 'Maximum',
    any: 'Any',
    floodAtMost: 'Flood risk at most',
    maxDistances: 'Maximum distance (km) to',
    run: 'Find sites',
    running: 'Searching…',
    resetProfile: 'Reset to the sector’s defaults',
    clear: 'Clear results',
    resultsSummary: '{considered} parcels considered · {matched} meet every requirement',
    resultsShown: 'Showing the best {shown}.',
    noResults: 'No parcel meets every requirement. The funnel below shows which requirement to relax.',
    score: 'Score',
    weight: 'weight',
    why: 'Why?',
    funnel: 'What each requirement eliminated',
    funnelEliminated: '{n} eliminated',
    funnelOnly: '{n} fail only this one',
    matcherUnavailable: 'The site finder is not available',
    selectResult: 'Show parcel {code}',
    excludedCount: '{n} parcels excluded (grey on the map)',
    resultsHeading: 'Results',
    invalidNumber: 'Not a valid number',
    minAboveMax: 'The minimum is above the maximum',
  },
};

// Enumerations and property labels.
const TERMS = {
  vi: {
    status: { available: 'Sẵn sàng cho thuê', reserved: 'Đã đặt chỗ', leased: 'Đã cho thuê', in_preparation: 'Đang chuẩn bị' },
    sector: {
      high_tech: 'Công nghệ cao', green_industry: 'Công nghiệp xanh', logistics: 'Logistics', data_center: 'Trung tâm dữ liệu',
      light_industry: 'Công nghiệp nhẹ', heavy_industry: 'Công nghiệp nặng', chemicals: 'Hóa chất', services: 'Dịch vụ', energy: 'Năng lượng',
    },
    profile: {
      high_tech: 'Sản xuất công nghệ cao', green_industry: 'Công nghiệp xanh', logistics: 'Logistics và kho bãi', data_center: 'Trung tâm dữ liệu',
    },
    flood: { low: 'Thấp', medium: 'Trung bình', high: 'Cao' },
    landUse: { industrial: 'Đất công nghiệp', logistics: 'Logistics, kho bãi', industrial_ready_built: 'Nhà xưởng công nghiệp xây sẵn' },
    quality: { verified: 'Đã xác minh', secondary: 'Nguồn thứ cấp', estimated: 'Ước tính', illustrative: 'Minh họa (dữ liệu mẫu)' },
    infra: {
      seaport: 'Cảng biển', airport: 'Sân bay', expressway_interchange: 'Nút giao cao tốc', expressway: 'Đường cao tốc',
      railway_station: 'Ga đường sắt', railway: 'Đường sắt', substation: 'Trạm biến áp', transmission_line: 'Đường dây truyền tải',
      power_plant: 'Nhà máy điện', hazard: 'Cơ sở nguy hiểm', road: 'Đường bộ',
    },
    infraStatus: { operational: 'Đang hoạt động', under_construction: 'Đang xây dựng', planned: 'Quy hoạch' },
    zoneKind: { industrial_park: 'Khu công nghiệp', economic_zone: 'Khu kinh tế', free_trade_zone: 'Khu thương mại tự do', industrial_cluster: 'Cụm công nghiệp' },
    distance: {
      seaport: 'Cảng biển', deepsea_port: 'Cảng nước sâu', airport: 'Sân bay', expressway: 'Nút giao cao tốc',
      substation: 'Trạm biến áp', hazard: 'Cơ sở nguy hiểm',
    },
    prop: {
      area_ha: 'Diện tích', status: 'Tình trạng', available_from: 'Bàn giao đất', land_use: 'Mục đích sử dụng đất',
      lease_price_usd_m2: 'Giá thuê đất (trả một lần cho thời hạn còn lại)', lease_term_remaining_years: 'Thời hạn thuê còn lại',
      management_fee_usd_m2_year: 'Phí quản lý', power_capacity_mva: 'Công suất điện', power_voltage_kv: 'Cấp điện áp',
      power_dual_feed: 'Cấp điện hai nguồn', power_feed_substations: 'Trạm biến áp cấp điện', water_m3_day: 'Nước sạch',
      wastewater_m3_day: 'Xử lý nước thải', fibre_carriers: 'Số nhà mạng cáp quang', flood_risk: 'Nguy cơ ngập',
      elevation_m: 'Cao độ nền', ready_built: 'Nhà xưởng xây sẵn', bonded: 'Khu phi thuế quan', sectors: 'Ngành nghề được phép',
      zone_id: 'Khu công nghiệp', within: 'Vùng quan tâm',
    },
    distanceProp: 'Khoảng cách đến {what} gần nhất',
    unit: { ha: 'ha', mva: 'MVA', kv: 'kV', m3day: 'm³/ngày', usdm2: 'USD/m²', usdm2year: 'USD/m²/năm', km: 'km', m: 'm', years: 'năm', months: 'tháng' },
  },
  en: {
    status: { available: 'Available', reserved: 'Reserved', leased: 'Leased', in_preparation: 'In preparation' },
    sector: {
      high_tech: 'High-tech', green_industry: 'Green industry', logistics: 'Logistics', data_center: 'Data centres',
      light_industry: 'Light industry', heavy_industry: 'Heavy industry', chemicals: 'Chemicals', services: 'Services', energy: 'Energy',
    },
    profile: {
      high_tech: 'High-tech manufacturing', green_industry: 'Green industry', logistics: 'Logistics and warehousing', data_center: 'Data centres',
    },
    flood: { low: 'Low', medium: 'Medium', high: 'High' },
    landUse: { industrial: 'Industrial', logistics: 'Logistics and warehousing', industrial_ready_built: 'Ready-built industrial' },
    quality: { verified: 'Verified', secondary: 'Secondary source', estimated: 'Estimated', illustrative: 'Illustrative (demo data)' },
    infra: {
      seaport: 'Seaport', airport: 'Airport', expressway_interchange: 'Expressway interchange', expressway: 'Expressway',
      railway_station: 'Railway station', railway: 'Railway', substation: 'Substation', transmission_line: 'Transmission line',
      power_plant: 'Power plant', hazard: 'Hazardous site', road: 'Road',
    },
    infraStatus: { operational: 'Operational', under_construction: 'Under construction', planned: 'Planned' },
    zoneKind: { industrial_park: 'Industrial park', economic_zone: 'Economic zone', free_trade_zone: 'Free-trade zone', industrial_cluster: 'Industrial cluster' },
    distance: {
      seaport: 'Seaport', deepsea_port: 'Deep-sea port', airport: 'Airport', expressway: 'Expressway interchange',
      substation: 'Substation', hazard: 'Hazardous site',
    },
    prop: {
      area_ha: 'Area', status: 'Status', available_from: 'Land handover', land_use: 'Land use',
      lease_price_usd_m2: 'Land price (one-off, for the remaining term)', lease_term_remaining_years: 'Remaining lease term',
      management_fee_usd_m2_year: 'Management fee', power_capacity_mva: 'Power capacity', power_voltage_kv: 'Supply voltage',
      power_dual_feed: 'Dual power feed', power_feed_substations: 'Feeding substations', water_m3_day: 'Clean water',
      wastewater_m3_day: 'Wastewater treatment', fibre_carriers: 'Fibre carriers', flood_risk: 'Flood risk',
      elevation_m: 'Platform elevation', ready_built: 'Ready-built factory', bonded: 'Bonded (non-tariff) area', sectors: 'Sectors allowed',
      zone_id: 'Zone', within: 'Area of interest',
    },
    distanceProp: 'Distance to the nearest {what}',
    unit: { ha: 'ha', mva: 'MVA', kv: 'kV', m3day: 'm³/day', usdm2: 'USD/m²', usdm2year: 'USD/m²/year', km: 'km', m: 'm', years: 'years', months: 'months' },
  },
};

// UNITS: the unit key of each numeric parcel property.
export const UNITS = {
  area_ha: 'ha', power_capacity_mva: 'mva', power_voltage_kv: 'kv', water_m3_day: 'm3day', wastewater_m3_day: 'm3day',
  lease_price_usd_m2: 'usdm2', management_fee_usd_m2_year: 'usdm2year', lease_term_remaining_years: 'years', elevation_m: 'm',
};

let current = 'vi';

export function setLang(lang) { current = LANGS.includes(lang) ? lang : 'vi'; }
export function lang() { return current; }
export function locale() { return current === 'vi' ? 'vi-VN' : 'en-GB'; }

// t returns the string key in the current language, with {name}
// placeholders replaced.
export function t(key, vars) {
  let s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

// term looks up an enumeration value or a label (group: status, sector,
// flood, quality, infra, infraStatus, zoneKind, distance, prop, unit).
export function term(group, value) {
  return TERMS[current][group]?.[value] ?? TERMS.en[group]?.[value] ?? String(value);
}

// propLabel names a parcel property, including distance_<kind>_km.
export function propLabel(p) {
  const m = /^distance_(\w+)_km$/.exec(p);
  if (m) return TERMS[current].distanceProp.replace('{what}', term('distance', m[1]).toLowerCase());
  return term('prop', p);
}

export function unitOf(p) {
  if (/^distance_\w+_km$/.test(p)) return term('unit', 'km');
  return UNITS[p] ? term('unit', UNITS[p]) : '';
}

export function num(v, maxFrac = 2) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: maxFrac }).format(v);
}

export function qty(v, p) {
  const u = unitOf(p);
  return u ? `${num(v)} ${u}` : num(v);
}

export function date(s) {
  if (!s) return '';
  const d = new Date(s.length === 10 ? s + 'T00:00:00Z' : s);
  if (Number.isNaN(d.getTime())) return s;
  const opts = s.length === 10 ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(locale(), opts).format(d);
}

// requirementText describes one requirement of a match request, e.g.
// "Power capacity ≥ 30 MVA", in the current language. value is the
// required value.
export function requirementText(key, value) {
  const [group, member] = key.split('.');
  const v = (p) => (typeof value === 'number' ? qty(value, p) : value);
  switch (group) {
    case 'max_distance_km': return `${propLabel(`distance_${member}_km`)} ≤ ${num(value)} km`;
    case 'min_distance_km': return `${propLabel(`distance_${member}_km`)} ≥ ${num(value)} km`;
    case 'min_area_ha': return `${term('prop', 'area_ha')} ≥ ${v('area_ha')}`;
    case 'max_area_ha': return `${term('prop', 'area_ha')} ≤ ${v('area_ha')}`;
    case 'min_power_capacity_mva': return `${term('prop', 'power_capacity_mva')} ≥ ${v('power_capacity_mva')}`;
    case 'min_power_voltage_kv': return `${term('prop', 'power_voltage_kv')} ≥ ${v('power_voltage_kv')}`;
    case 'min_water_m3_day': return `${term('prop', 'water_m3_day')} ≥ ${v('water_m3_day')}`;
    case 'min_wastewater_m3_day': return `${term('prop', 'wastewater_m3_day')} ≥ ${v('wastewater_m3_day')}`;
    case 'min_fibre_carriers': return `${term('prop', 'fibre_carriers')} ≥ ${num(value)}`;
    case 'max_lease_price_usd_m2': return `${term('prop', 'lease_price_usd_m2')} ≤ ${v('lease_price_usd_m2')}`;
    case 'max_management_fee_usd_m2_year': return `${term('prop', 'management_fee_usd_m2_year')} ≤ ${v('management_fee_usd_m2_year')}`;
    case 'min_lease_term_years': return `${term('prop', 'lease_term_remaining_years')} ≥ ${v('lease_term_remaining_years')}`;
    case 'min_elevation_m': return `${term('prop', 'elevation_m')} ≥ ${v('elevation_m')}`;
    case 'available_by': return `${term('prop', 'available_from')} ≤ ${date(value)}`;
    case 'available_within_months': return `${term('prop', 'available_from')} ≤ ${num(value)} ${term('unit', 'months')}`;
    case 'flood_risk_at_most': return `${term('prop', 'flood_risk')} ≤ ${term('flood', value)}`;
    case 'power_dual_feed': case 'ready_built': case 'bonded': return term('prop', group);
    case 'statuses': return `${term('prop', 'status')}: ${listOf(value, 'status')}`;
    case 'sectors': return `${term('prop', 'sectors')}: ${listOf(value, 'sector')}`;
    case 'zones': return `${term('prop', 'zone_id')}: ${[].concat(value).join(', ')}`;
    case 'within': return term('prop', 'within');
    default: return `${key}: ${JSON.stringify(value)}`;
  }
}

// criterionLabel names a requirement without its value (funnel rows).
export function criterionLabel(key) {
  const [group, member] = key.split('.');
  const prefix = (s) => (current === 'vi' ? s.vi : s.en);
  switch (group) {
    case 'max_distance_km': return `${propLabel(`distance_${member}_km`)} (${prefix({ vi: 'tối đa', en: 'max' })})`;
    case 'min_distance_km': return `${propLabel(`distance_${member}_km`)} (${prefix({ vi: 'tối thiểu', en: 'min' })})`;
  }
  const props = {
    min_area_ha: ['area_ha', 'min'], max_area_ha: ['area_ha', 'max'], min_power_capacity_mva: ['power_capacity_mva', 'min'],
    min_power_voltage_kv: ['power_voltage_kv', 'min'], min_water_m3_day: ['water_m3_day', 'min'],
    min_wastewater_m3_day: ['wastewater_m3_day', 'min'], min_fibre_carriers: ['fibre_carriers', 'min'],
    max_lease_price_usd_m2: ['lease_price_usd_m2', 'max'], max_management_fee_usd_m2_year: ['management_fee_usd_m2_year', 'max'],
    min_lease_term_years: ['lease_term_remaining_years', 'min'], min_elevation_m: ['elevation_m', 'min'],
    available_by: ['available_from', 'max'], available_within_months: ['available_from', 'max'], flood_risk_at_most: ['flood_risk', 'max'],
    statuses: ['status'], sectors: ['sectors'], zones: ['zone_id'], power_dual_feed: ['power_dual_feed'],
    ready_built: ['ready_built'], bonded: ['bonded'], within: ['within'],
  }[group];
  if (!props) return key;
  const [p, bound] = props;
  if (!bound) return term('prop', p);
  return `${term('prop', p)} (${bound === 'min' ? prefix({ vi: 'tối thiểu', en: 'min' }) : prefix({ vi: 'tối đa', en: 'max' })})`;
}

function listOf(v, group) {
  return [].concat(v).map((x) => term(group, x)).join(', ');
}

// reasonText explains why an excluded parcel fails one requirement: its
// value and the required one.
export function reasonText(r) {
  const req = requirementText(r.criterion, r.required);
  const prop = propertyOfCriterion(r.criterion);
  let have;
  if (r.value === null || r.value === undefined || r.unknown) have = t('notPublished');
  else if (typeof r.value === 'boolean') have = r.value ? t('yes') : t('no');
  else if (typeof r.value === 'number') have = prop ? qty(r.value, prop) : num(r.value);
  else if (Array.isArray(r.value)) have = r.value.map((x) => term(prop === 'status' ? 'status' : 'sector', x)).join(', ');
  else if (prop === 'flood_risk') have = term('flood', r.value);
  else if (prop === 'status') have = term('status', r.value);
  else if (prop === 'available_from') have = date(r.value);
  else have = String(r.value);
  return current === 'vi' ? `Yêu cầu ${req} — lô này: ${have}` : `Needs ${req} — this parcel: ${have}`;
}

function propertyOfCriterion(key) {
  const [group, member] = key.split('.');
  if (member) return `distance_${member}_km`;
  return {
    min_area_ha: 'area_ha', max_area_ha: 'area_ha', min_power_capacity_mva: 'power_capacity_mva', min_power_voltage_kv: 'power_voltage_kv',
    min_water_m3_day: 'water_m3_day', min_wastewater_m3_day: 'wastewater_m3_day', max_lease_price_usd_m2: 'lease_price_usd_m2',
    max_management_fee_usd_m2_year: 'management_fee_usd_m2_year', min_lease_term_years: 'lease_term_remaining_years',
    min_elevation_m: 'elevation_m', available_by: 'available_from', available_within_months: 'available_from',
    flood_risk_at_most: 'flood_risk', statuses: 'status', sectors: 'sectors',
  }[group] ?? '';
}

// applyStatic fills every element carrying data-i18n (text),
// data-i18n-label (aria-label), data-i18n-title or data-i18n-placeholder.
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  document.title = t('pageTitle');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

// addStrings adds the strings of another module (vi and en).
export function addStrings(more) {
  for (const l of Object.keys(more)) Object.assign(STRINGS[l], more[l]);
}

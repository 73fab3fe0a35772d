package demo

// Wire types of the synthetic catalogue. Struct fields keep a fixed
// property order; pointers with omitempty leave unknown values out.

type genFeature struct {
	Type       string      `json:"type"`
	ID         string      `json:"id"`
	Geometry   genGeometry `json:"geometry"`
	Properties any         `json:"properties"`
}

type genGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// genUtilities are the utility fields shared by zones (as defaults) and parcels.
type genUtilities struct {
	PowerCapacityMVA     *float64 `json:"power_capacity_mva,omitempty"`
	PowerVoltageKV       *float64 `json:"power_voltage_kv,omitempty"`
	PowerDualFeed        *bool    `json:"power_dual_feed,omitempty"`
	PowerFeedSubstations []string `json:"power_feed_substations,omitempty"`
	WaterM3Day           *float64 `json:"water_m3_day,omitempty"`
	WastewaterM3Day      *float64 `json:"wastewater_m3_day,omitempty"`
	FibreCarriers        *int     `json:"fibre_carriers,omitempty"`
}

type genZoneProps struct {
	Collection        string  `json:"collection"`
	Code              string  `json:"code"`
	NameVi            string  `json:"name_vi"`
	NameEn            string  `json:"name_en"`
	Kind              string  `json:"kind"`
	Developer         string  `json:"developer"`
	OfficialAreaHa    float64 `json:"official_area_ha"`
	PlanningStage     string  `json:"planning_stage"`
	EcoIndustrialPark string  `json:"eco_industrial_park"`
	Bonded            bool    `json:"bonded"`
	genUtilities
	DataQuality string `json:"data_quality"`
	Source      string `json:"source"`
}

type genInfraProps struct {
	Collection   string   `json:"collection"`
	Code         string   `json:"code"`
	NameVi       string   `json:"name_vi"`
	NameEn       string   `json:"name_en"`
	Kind         string   `json:"kind"`
	Status       string   `json:"status"`
	MaxVesselDWT *float64 `json:"max_vessel_dwt,omitempty"`
	DepthM       *float64 `json:"depth_m,omitempty"`
	VoltageKV    *float64 `json:"voltage_kv,omitempty"`
	CapacityMVA  *float64 `json:"capacity_mva,omitempty"`
	DataQuality  string   `json:"data_quality"`
	Source       string   `json:"source"`
}

type genParcelProps struct {
	Collection             string   `json:"collection"`
	Code                   string   `json:"code"`
	NameVi                 string   `json:"name_vi"`
	NameEn                 string   `json:"name_en"`
	ZoneID                 string   `json:"zone_id"`
	Status                 string   `json:"status"`
	AvailableFrom          string   `json:"available_from"`
	LandUse                string   `json:"land_use"`
	Sectors                []string `json:"sectors"`
	LeasePriceUSDM2        float64  `json:"lease_price_usd_m2"`
	LeaseUntil             string   `json:"lease_until"`
	ManagementFeeUSDM2Year float64  `json:"management_fee_usd_m2_year"`
	genUtilities
	FloodRisk   string  `json:"flood_risk"`
	ElevationM  float64 `json:"elevation_m"`
	ReadyBuilt  bool    `json:"ready_built"`
	Bonded      bool    `json:"bonded"`
	DataQuality string  `json:"data_quality"`
	Source      string  `json:"source"`
}

// polygonGeometry wraps one ring as a MultiPolygon.
func polygonGeometry(ring [][2]float64) genGeometry {
	return genGeometry{Type: "MultiPolygon", Coordinates: [][][][2]float64{{ring}}}
}

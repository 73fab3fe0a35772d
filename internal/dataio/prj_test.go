package dataio

import (
	"strings"
	"testing"
)

// TestPrjEPSG: the .prj texts GDAL and Esri tools write name the codes
// landcat transforms; others are refused naming the system.
func TestPrjEPSG(t *testing.T) {
	esriTM := `PROJCS["VN-2000_TM-3_105-45",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],` +
		`PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],` +
		`PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",%CM%],PARAMETER["Scale_Factor",%K%],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
	tm := func(cm, k string) string {
		return strings.NewReplacer("%CM%", cm, "%K%", k).Replace(esriTM)
	}
	for _, c := range []struct {
		prj  string
		want int
	}{
		{tm("105.75", "0.9999"), 9210},
		{tm("105.5", "0.9999"), 9209},
		{tm("105.0", "0.9996"), 3405},
		{tm("111.0", "0.9996"), 3406},
		{`GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`, 4756},
		{`GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`, 4326},
		{`PROJCS["VN-2000 / TM-3 105-45",GEOGCS["VN-2000",AUTHORITY["EPSG","4756"]],AUTHORITY["EPSG","9210"]]`, 9210},
	} {
		if got, err := prjEPSG(c.prj); err != nil || got != c.want {
			t.Errorf("%.60s…: %d %v, want %d", c.prj, got, err, c.want)
		}
	}
	for _, prj := range []string{tm("107.0", "0.9999"), `PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984"]]`} {
		if _, err := prjEPSG(prj); err == nil {
			t.Errorf("%.60s…: accepted", prj)
		}
	}
}

package main

import (
	"fmt"
	"strconv"
	"strings"
)

// utilities parses the compact utility notation of the tables, e.g.
// "mva=40 kv=110 dual=sub-dv,sub-dh water=3000 ww=2400 fibre=3", into
// properties in contract order. Keys left out stay absent (inherited
// from the zone or unknown); "mva" without "dual" means a single feed.
func utilities(spec string) (props, error) {
	kv := map[string]string{}
	for _, tok := range strings.Fields(spec) {
		k, v, ok := strings.Cut(tok, "=")
		if !ok {
			return nil, fmt.Errorf("utility token %q", tok)
		}
		kv[k] = v
	}
	var p props
	num := func(key, name string) error {
		s, ok := kv[key]
		if !ok {
			return nil
		}
		delete(kv, key)
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("utility %s: %w", key, err)
		}
		if key == "fibre" {
			p = p.add(name, int(f))
		} else {
			p = p.add(name, f)
		}
		return nil
	}
	for _, k := range [][2]string{{"mva", "power_capacity_mva"}, {"kv", "power_voltage_kv"}} {
		if err := num(k[0], k[1]); err != nil {
			return nil, err
		}
	}
	p = addFeeds(p, kv)
	for _, k := range [][2]string{{"water", "water_m3_day"}, {"ww", "wastewater_m3_day"}, {"fibre", "fibre_carriers"}} {
		if err := num(k[0], k[1]); err != nil {
			return nil, err
		}
	}
	if len(kv) > 0 {
		return nil, fmt.Errorf("unknown utility keys in %q", spec)
	}
	return p, nil
}

func addFeeds(p props, kv map[string]string) props {
	feeds, dual := kv["dual"]
	delete(kv, "dual")
	switch {
	case dual:
		p = p.add("power_dual_feed", true)
		p = p.add("power_feed_substations", strings.Split(feeds, ","))
	case len(p) > 0:
		p = p.add("power_dual_feed", false)
	}
	return p
}

package store

import (
	"fmt"

	"github.com/landcat/landcat/internal/catalog"
	"gorm.io/gorm"
)

// checkParcelCodes refuses a parcel code used twice in one zone, in the
// write itself or against the stored parcels (archived ones aside), and
// names the other parcel. Writers are serialised by the revision row, so
// the check inside the transaction is exact; the unique index
// parcels_zone_code_idx backs it.
func (s *Store) checkParcelCodes(tx *gorm.DB, changes []catalog.Change) error {
	pubs, err := s.publications(tx, changes)
	if err != nil {
		return err
	}
	type key struct{ zone, code string }
	written := map[key]string{}
	byZone := map[string][]string{}
	feats := make([]*catalog.Feature, 0, len(changes))
	for _, ch := range changes {
		f := ch.Feature
		feats = append(feats, f)
		if pub := f.Publication; pub == catalog.Archived || (pub == "" && pubs[f.ID] == catalog.Archived) {
			continue
		}
		k := key{f.String("zone_id"), f.String("code")}
		if other, dup := written[k]; dup && other != f.ID {
			return codeTaken(f, other)
		}
		written[k] = f.ID
		byZone[k.zone] = append(byZone[k.zone], k.code)
	}
	for zone, codes := range byZone {
		for chunk := range chunks(codes, 1000) {
			var rows []struct{ ID, Code string }
			err := tx.Table("parcels").Select("id", "code").
				Where("zone_id = ? AND code IN ? AND publication <> ?", zone, chunk, string(catalog.Archived)).Find(&rows).Error
			if err != nil {
				return err
			}
			for _, r := range rows {
				// A stored parcel holding the code conflicts even if this
				// write renames it: the index checks row by row, so two
				// parcels swap codes in two writes, not one.
				if mine := written[key{zone, r.Code}]; mine != "" && mine != r.ID {
					for _, f := range feats {
						if f.ID == mine {
							return codeTaken(f, r.ID)
						}
					}
				}
			}
		}
	}
	return nil
}

// publications returns the stored publication of the features the changes
// leave it to (Publication ""), which keep it.
func (s *Store) publications(tx *gorm.DB, changes []catalog.Change) (map[string]catalog.Publication, error) {
	var ids []string
	for _, ch := range changes {
		if ch.Feature.Publication == "" {
			ids = append(ids, ch.Feature.ID)
		}
	}
	out := map[string]catalog.Publication{}
	for chunk := range chunks(ids, 1000) {
		var rows []struct{ ID, Publication string }
		if err := tx.Table(string(catalog.Parcels)).Select("id", "publication").Where("id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = catalog.Publication(r.Publication)
		}
	}
	return out, nil
}

func codeTaken(f *catalog.Feature, other string) error {
	msg := fmt.Sprintf("code %s is already used in zone %s by parcel %s; codes are unique within a zone", f.String("code"), f.String("zone_id"), other)
	return &catalog.Error{Kind: catalog.KindConflict, Message: fmt.Sprintf("parcel %s: %s", f.ID, msg),
		Problems: []catalog.Problem{{Pointer: "/properties/code", Message: msg}}}
}

package pipeline

import (
	"fmt"
	"slices"
	"strings"
)

// Stage is where a lead stands, from first inquiry to operating plant.
type Stage string

// The stages in order; Lost ends a lead at any stage (with a reason).
const (
	Inquiry            Stage = "inquiry"
	Qualified          Stage = "qualified"
	ShortlistSent      Stage = "shortlist_sent"
	SiteVisit          Stage = "site_visit"
	MoU                Stage = "mou"
	InvestmentApproval Stage = "investment_approval"
	SubleaseSigned     Stage = "sublease_signed"
	LandHandedOver     Stage = "land_handed_over"
	Construction       Stage = "construction"
	Operating          Stage = "operating"
	Lost               Stage = "lost"
)

// Stages lists the stages of progress in order (Lost is not among them).
var Stages = []Stage{Inquiry, Qualified, ShortlistSent, SiteVisit, MoU, InvestmentApproval, SubleaseSigned, LandHandedOver, Construction, Operating}

// AllStages is Stages and Lost: every value a lead's stage may take.
var AllStages = append(slices.Clone(Stages), Lost)

// Rank is the stage's position in Stages (-1 for Lost or an unknown one).
func (s Stage) Rank() int { return slices.Index(Stages, s) }

// ParseStage returns the stage named s.
func ParseStage(s string) (Stage, bool) {
	st := Stage(s)
	return st, slices.Contains(AllStages, st)
}

// The stages that count for targets (decision): a project and its
// registered capital count when the investment is approved (quyết định
// chủ trương đầu tư / IRC), hectares when the sublease is signed.
const (
	CountsForProjects = InvestmentApproval
	CountsForHectares = SubleaseSigned
)

// checkMove says whether a lead may move from one stage to another:
// forward by any number of stages (an investor may skip a site visit), to
// Lost from any open stage; never back, never out of Lost or Operating.
// Moving to the same stage is a note.
func checkMove(from, to Stage) error {
	switch {
	case from == to:
		return nil
	case from == Lost:
		return fmt.Errorf("the lead is lost; register the investor's new interest as a new lead")
	case from == Operating:
		return fmt.Errorf("the plant is operating: the lead's journey is over")
	case to == Lost:
		return nil
	case to.Rank() < from.Rank():
		return fmt.Errorf("stages only move forward (%s is before %s); a correction is a note", to, from)
	}
	return nil
}

func stageNames() string {
	names := make([]string, len(AllStages))
	for i, s := range AllStages {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

package catalog

// Publication is where a feature stands in the publication workflow.
type Publication string

// The publication states. Only published features are visible to anonymous
// callers.
const (
	Draft     Publication = "draft"
	InReview  Publication = "in_review"
	Published Publication = "published"
	Archived  Publication = "archived"
)

// ParsePublication returns the state named s.
func ParsePublication(s string) (Publication, bool) {
	switch p := Publication(s); p {
	case Draft, InReview, Published, Archived:
		return p, true
	}
	return "", false
}

// Role is an officer's permission level; each role includes the ones below.
type Role int

// Roles in increasing order of power. Anonymous callers have RoleNone.
const (
	RoleNone Role = iota
	RoleViewer
	RoleEditor
	RolePublisher
	RoleAdmin
)

var roleNames = []string{"none", "viewer", "editor", "publisher", "admin"}

func (r Role) String() string { return roleNames[r] }

// ParseRole returns the role named s (viewer, editor, publisher, admin).
func ParseRole(s string) (Role, bool) {
	for i, n := range roleNames[1:] {
		if n == s {
			return Role(i + 1), true
		}
	}
	return RoleNone, false
}

// TransitionRole returns the role needed to move a feature from one
// publication state to another. Decision: editors prepare (draft ⇄
// in_review, archive drafts); anything that changes what the public sees —
// publishing, unpublishing or archiving a published feature — needs a
// publisher. Moving to the same state is a no-op any editor may ask for.
func TransitionRole(from, to Publication) Role {
	if to == Published || from == Published {
		return RolePublisher
	}
	return RoleEditor
}

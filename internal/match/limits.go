package match

// Caps on the size of what the matcher keeps and says back.
const (
	maxShownItems = 5 // list items spelled out in demand records
)

package scenarios

// ParserKeys exposes to the tests the key lists the parser reads, by the name of the schema
// $defs entry that describes the same mapping ("" is the top level of a file).
var ParserKeys = map[string][]string{
	"":              topKeys,
	"Policy":        policyKeys,
	"Device":        deviceKeys,
	"App":           appKeys,
	"Manifest":      manifestKeys,
	"Declaration":   declarationKeys,
	"Task":          behaviourKeys,
	"Step":          stepKeys,
	"Registration":  registrationKeys,
	"Group":         groupKeys,
	"Trigger":       triggerKeyUnion(),
	"TimelineEntry": timelineKeys,
	"Signal":        signalKeys,
	"Unregister":    unregisterKeys,
	"Fault":         faultKeys,
	"Expectation":   expectKeys,
	"Property":      propertyKeys,
	"PropertyBody":  bodyKeys(),
	"Always":        alwaysKeys,
	"Explore":       exploreKeys,
}

// bodyKeys are the keys of a property body: an expectation's, but count.
func bodyKeys() []string {
	var out []string
	for _, k := range expectKeys {
		if k != "count" {
			out = append(out, k)
		}
	}
	return out
}

// TriggerKeys exposes the keys each trigger type takes besides type.
var TriggerKeys = triggerKeys

// triggerKeyUnion lists type and every key some trigger type takes, once each.
func triggerKeyUnion() []string {
	out := []string{"type"}
	for _, typ := range triggerTypes {
		for _, k := range triggerKeys[typ] {
			if !contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// SetBeforeRename sets the hook Update runs just before it checks the file for changes and
// replaces it, and returns a func that restores the previous one.
func SetBeforeRename(f func()) (restore func()) {
	old := beforeRename
	beforeRename = f
	return func() { beforeRename = old }
}

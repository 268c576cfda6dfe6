package scenarios

import (
	"time"

	"go.yaml.in/yaml/v4"
)

// ExploreBlock is a file's explore block: how Explore perturbs the file. A file without one is
// explored with DefaultExplore.
type ExploreBlock struct {
	Pos    Pos
	Vary   []string      // what inserted events may change, from VaryNames, in file order
	Events int           // at most this many device events inserted per run
	Jitter time.Duration // each timeline entry moved by up to ± this
	Seeds  bool          // vary the scenario seed too
}

var (
	// exploreKeys are the keys of the explore block.
	exploreKeys = []string{"vary", "events", "jitter", "seeds"}
	// varyNames are what an explore block may vary: the device actions, the app's lifecycle and
	// injected faults.
	varyNames = []string{"network", "network_cost", "power", "battery_saver", "standby", "user",
		"session", "lock_screen", "app", "faults"}
)

// VaryNames lists the values vary takes.
func VaryNames() []string { return append([]string(nil), varyNames...) }

// MaxExploreEvents is the most events an explore block may insert per run.
const MaxExploreEvents = 1000

// DefaultExplore is what Explore does for a file without an explore block, and for the keys
// a block leaves out: vary every device action and the app (not faults), insert at most 4
// events, move nothing, keep the seed.
func DefaultExplore() ExploreBlock {
	return ExploreBlock{Vary: varyNames[:len(varyNames)-1], Events: 4}
}

func (p *parser) explore(n *yaml.Node) *ExploreBlock {
	fs := p.fields(n, "explore", exploreKeys)
	if fs == nil {
		return nil
	}
	x := DefaultExplore()
	x.Pos = posOf(n)
	for _, f := range fs {
		switch f.key {
		case "vary":
			x.Vary = []string{}
			for _, item := range p.list(f.v, "vary") {
				v, ok := p.word(item, "vary", varyNames)
				if !ok {
					continue
				}
				if contains(x.Vary, v) {
					p.errorf(item, "vary: %s is listed twice", v)
					continue
				}
				x.Vary = append(x.Vary, v)
			}
		case "events":
			if v, ok := p.uint(f.v, "events", 32); ok {
				if v > MaxExploreEvents {
					p.errorf(f.v, "events: at most %d events per run, got %d", MaxExploreEvents, v)
				}
				x.Events = int(min(v, MaxExploreEvents))
			}
		case "jitter":
			x.Jitter, _ = p.bounded(f.v, "jitter", MaxSpan)
		case "seeds":
			x.Seeds, _ = p.boolean(f.v, "seeds")
		}
	}
	return &x
}

// exploreNode writes an explore block back, every key spelled out.
func exploreNode(x *ExploreBlock) *yaml.Node {
	m := newMap(false)
	var vary []*yaml.Node
	for _, v := range x.Vary {
		vary = append(vary, strNode(v))
	}
	m.add("vary", seqNode(true, vary...))
	m.add("events", intNode(x.Events))
	m.add("jitter", durationNode(x.Jitter))
	m.add("seeds", scalarNode("!!bool", boolText(x.Seeds)))
	return m.n
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// propertiesNode writes the properties block.
func propertiesNode(props []Property) *yaml.Node {
	var items []*yaml.Node
	for i := range props {
		p := &props[i]
		m := newMap(false)
		if p.Quantifier == QuantifierAlways {
			a := newMap(false)
			a.add("when", bodyNode(&p.Body))
			a.add("then", bodyNode(&p.Then))
			a.add("within", durationNode(p.Within))
			m.add("always", a.n)
		} else {
			m.add(p.Quantifier.String(), bodyNode(&p.Body))
		}
		items = append(items, m.n)
	}
	return seqNode(false, items...)
}

// bodyNode writes an expectation body in flow style, as expectNode writes an expectation.
func bodyNode(x *Expectation) *yaml.Node {
	n := expectNode([]Expectation{*x}).Content[0]
	n.Style = yaml.FlowStyle
	return n
}

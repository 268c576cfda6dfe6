package scenarios

import (
	"go.yaml.in/yaml/v4"
)

// MaxAliasExpansion is how many nodes YAML aliases may add to a scenario in total. The parser
// walks an alias like the node it names, so without a bound a small file of aliases to aliases
// (a "billion laughs") would cost time and memory exponential in its size. Real scenarios use
// aliases for a shared trigger or task, far below this.
const MaxAliasExpansion = 100_000

// aliasCheck measures how far the aliases of one document expand it.
type aliasCheck struct {
	size   map[*yaml.Node]int  // expanded node count of a node, capped at MaxAliasExpansion+1
	active map[*yaml.Node]bool // nodes being measured: an alias to one of them is a cycle
	added  int                 // nodes added by the aliases met so far
}

// checkAliases refuses a document whose aliases, each counted as the nodes it stands for, add
// more than MaxAliasExpansion nodes, or that has an alias inside the node it names. The error
// points at the alias that goes past the limit.
func (p *parser) checkAliases(root *yaml.Node) *ParseError {
	c := &aliasCheck{size: map[*yaml.Node]int{}, active: map[*yaml.Node]bool{}}
	return p.walkAliases(c, root)
}

// walkAliases visits the document's own nodes (not the expansions) in order.
func (p *parser) walkAliases(c *aliasCheck, n *yaml.Node) *ParseError {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		size, cyclic := c.measure(n.Alias)
		if cyclic {
			return &ParseError{File: p.file, Line: n.Line, Col: n.Column, Msg: "alias *" + n.Value + " is inside the node it names: a scenario cannot be recursive"}
		}
		c.added += size
		if c.added > MaxAliasExpansion {
			return &ParseError{File: p.file, Line: n.Line, Col: n.Column, Msg: "alias *" + n.Value +
				": aliases expand this file by more than 100000 nodes; write the repeated parts out, or repeat less"}
		}
		return nil
	}
	c.active[n] = true
	defer delete(c.active, n)
	for _, child := range n.Content {
		if pe := p.walkAliases(c, child); pe != nil {
			return pe
		}
	}
	return nil
}

// measure returns the expanded node count of n (capped), and whether an alias in it names n
// or a node around it.
func (c *aliasCheck) measure(n *yaml.Node) (int, bool) {
	if n == nil {
		return 0, false
	}
	if n.Kind == yaml.AliasNode {
		return c.measure(n.Alias)
	}
	if c.active[n] {
		return 0, true
	}
	if s, ok := c.size[n]; ok {
		return s, false
	}
	c.active[n] = true
	defer delete(c.active, n)
	total := 1
	for _, child := range n.Content {
		s, cyclic := c.measure(child)
		if cyclic {
			return 0, true
		}
		total = min(total+s, MaxAliasExpansion+1)
	}
	c.size[n] = total
	return total, false
}

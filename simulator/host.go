package simulator

import "github.com/bgsim/bgsim/simulator/manifest"

// Out-of-process tasks whose manifest declarations name the same ResourceGroup run in one host
// process; every other out-of-process instance has a host of its own, and in-process ones run
// in the app (docs/windows-model.md#resource-groups).

// resourceGroups maps each entry point of m whose declaration names a ResourceGroup to it; nil
// when none does.
func resourceGroups(m *manifest.Manifest) map[string]string {
	var out map[string]string
	if m == nil {
		return nil
	}
	for _, d := range m.Declarations {
		if d.ResourceGroup != "" && d.EntryPoint != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[d.EntryPoint] = d.ResourceGroup
		}
	}
	return out
}

// resourceGroup returns the manifest ResourceGroup that r's entry point declares, or "" for an
// in-process task or a declaration without one.
func (e *Engine) resourceGroup(r *Registration) string {
	if e.hosts == nil || r.entryPoint == "" {
		return ""
	}
	return e.hosts[r.entryPoint]
}

// endSharedHost terminates the host of a resource group: every running instance in it, in
// creation order, each with its own terminated record naming the cause and the host.
func (e *Engine) endSharedHost(group, cause string) {
	cause += " host=" + quoteDetail(group)
	n := len(e.running)
	for i := 0; i < n; i++ {
		if in := e.running[i]; !in.finished && e.resourceGroup(in.reg) == group {
			e.terminate(in, cause)
		}
	}
}

// hostDetail is the run record's " host=GROUP" for a task that runs in a shared host, else "".
func (e *Engine) hostDetail(r *Registration) string {
	if g := e.resourceGroup(r); g != "" {
		return " host=" + quoteDetail(g)
	}
	return ""
}

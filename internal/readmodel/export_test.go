package readmodel

// Pending reports how many commits wait for the builder (for tests).
func (m *Model) Pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.pending)
}

// Submitted reports how many commits and catch-ups were handed in (for tests).
func (m *Model) Submitted() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.submitted
}

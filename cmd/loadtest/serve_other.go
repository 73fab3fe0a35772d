//go:build !linux

package main

import "syscall"

// stopWithParent: only Linux can tie the server's life to loadtest's.
func stopWithParent() *syscall.SysProcAttr { return nil }

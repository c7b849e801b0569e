#!/bin/sh
# The instruction counts of proposal/README.md, from the listings of
# do_syscall_64() next to this script: one path each, every conditional
# jump decided (offset:T taken, offset:N not taken), calls counted as one
# instruction (callees not followed). The tail decisions are those of a
# getpid with no pending work on the way out and a SYSRET return.
cd "$(dirname "$0")"
c=./count-path.py

# The v2 series as the test bed compiled it (ptrace_syscall_entry_wanted()
# and syscall_in_list() are out of line: 53 instructions more for kmask,
# ptrace_syscall_entry_wanted-v2.s).
t='17f:T,18f:T,1b0:T,1ca:T,21f:N,22c:N,236:N,240:N,24f:N'
echo "v2 untraced            $($c do_syscall_64-v2.s "1e:T,b2:T,113:T,$t")"
echo "v2 kmask, unselected   $($c do_syscall_64-v2.s "1e:N,28:T,37:N,43:T,62:N,6c:T,b2:T,113:N,119:T,135:T,147:N,14d:N,153:N,15e:T,$t") + 53"
echo "v2 classic (stops)     $($c do_syscall_64-v2.s "1e:N,28:T,37:N,43:N,51:N,57:N,62:N,6c:T,b2:T,113:N,119:T,135:T,147:N,14d:N,153:N,15e:N,$t") + 17"

# Patch 1
t='22b:T,23b:T,25a:T,273:T,2c4:N,2d1:N,2db:N,2e5:N,2f4:N'
echo "A untraced             $($c do_syscall_64-A.s "1d:T,151:T,1b6:T,$t")"
echo "A kmask, unselected    $($c do_syscall_64-A.s "1d:N,27:N,35:N,45:N,5d:N,9f:N,a8:T,151:T,1b6:N,1bc:N,1c5:T,$t")"
echo "A classic (stops)      $($c do_syscall_64-A.s "1d:N,27:N,35:N,45:N,5d:T,8e:T,c1:T,d3:N,df:N,ed:N,f3:N,fd:T,11e:T,151:T,1b6:N,1bc:N,1c5:N,1cb:T,1e3:T,1f5:N,1fb:N,201:N,20a:N,$t") + 17"

# Patches 1 and 2
t='1fe:T,20e:T,22d:T,246:T,297:N,2a4:N,2ae:N,2b8:N,2c7:N'
echo "B untraced             $($c do_syscall_64-B.s "1d:T,124:T,189:T,$t")"
echo "B kmask, unselected    $($c do_syscall_64-B.s "1d:N,27:N,2d:N,39:N,4c:N,80:N,124:T,189:N,18f:N,198:T,$t")"
echo "B classic (stops)      $($c do_syscall_64-B.s "1d:N,27:N,2d:N,39:T,94:T,a6:N,b2:N,c0:N,c6:N,d0:T,f1:T,124:T,189:N,18f:N,198:N,19e:T,1b6:T,1c8:N,1ce:N,1d4:N,1dd:N,$t") + 17"

# The + 53 and + 17 above: ptrace_syscall_entry_wanted() of the v2 series,
# with a mask and an unselected native syscall (one syscall_in_list() call,
# 18 instructions, the stop list), and without a mask.
sed -n '/<ptrace_syscall_entry_wanted>:/,/^$/p' ptrace_syscall_entry_wanted-v2.s >/tmp/psew.$$.s
sed -n '/<syscall_in_list>:/,/^$/p' ptrace_syscall_entry_wanted-v2.s >/tmp/sil.$$.s
echo "v2 ptrace_syscall_entry_wanted(), unselected: $($c /tmp/psew.$$.s ffffffff8129cd16:N,ffffffff8129cd28:N,ffffffff8129cd31:N,ffffffff8129cd51:T,ffffffff8129cd79:T) + syscall_in_list() $($c /tmp/sil.$$.s ffffffff8129caea:N,ffffffff8129caee:T,ffffffff8129cb2e:N)"
echo "v2 ptrace_syscall_entry_wanted(), no mask:    $($c /tmp/psew.$$.s ffffffff8129cd16:T,ffffffff8129cd79:T)"
rm -f /tmp/psew.$$.s /tmp/sil.$$.s

# i386 tasks on x86_64: __do_fast_syscall_32() (sysenter/syscall through
# the vDSO), from its syscall work test to the cli of the exit; the v2
# kmask path calls ptrace_syscall_entry_wanted() (31 for a compat
# syscall) and syscall_in_list() (20).
echo "compat v2 untraced           $(START=db STOP=21b $c __do_fast_syscall_32-v2.s 'df:T,198:N,1c0:T')"
echo "compat v2 kmask, unselected  $(START=db STOP=21b $c __do_fast_syscall_32-v2.s 'df:N,e9:N,ef:N,10b:T,131:T,14e:T,198:N,1c0:N,1c6:T,1de:T,1f0:N,1f6:N,1fc:N,205:T') + 31 + 20"
echo "compat A untraced            $(START=db STOP=2cb $c __do_fast_syscall_32-A.s 'e2:T,239:N,261:T')"
echo "compat A kmask, unselected   $(START=db STOP=2cb $c __do_fast_syscall_32-A.s 'e2:N,ec:N,fa:T,111:T,14e:T,168:N,171:T,239:N,261:N,267:N,270:T')"
echo "compat B untraced            $(START=db STOP=29e $c __do_fast_syscall_32-B.s 'e2:T,20c:N,234:T')"
echo "compat B kmask, unselected   $(START=db STOP=29e $c __do_fast_syscall_32-B.s 'e2:N,ec:N,f2:T,10c:T,13a:N,149:N,20c:N,234:N,23a:N,243:T')"
sed -n '/<ptrace_syscall_entry_wanted>:/,/^$/p' ptrace_syscall_entry_wanted-v2.s >/tmp/psew.$$.s
sed -n '/<syscall_in_list>:/,/^$/p' ptrace_syscall_entry_wanted-v2.s >/tmp/sil.$$.s
echo "compat v2 ptrace_syscall_entry_wanted() $($c /tmp/psew.$$.s ffffffff8129cd16:N,ffffffff8129cd28:T,ffffffff8129cd51:T,ffffffff8129cd79:T) + syscall_in_list() $($c /tmp/sil.$$.s ffffffff8129caea:T,ffffffff8129cb0a:N,ffffffff8129cb0e:T,ffffffff8129cb2e:N)"
rm -f /tmp/psew.$$.s /tmp/sil.$$.s

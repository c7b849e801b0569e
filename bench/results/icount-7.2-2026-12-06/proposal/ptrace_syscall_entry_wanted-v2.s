ffffffff8129ccfc <ptrace_syscall_entry_wanted>:
ffffffff8129ccfc:	push   %rbx
ffffffff8129ccfd:	incl   %gs:0x6b1324(%rip)        # ffffffff8194e028 <__preempt_count>
ffffffff8129cd04:	mov    %gs:0x6b130c(%rip),%r9        # ffffffff8194e018 <current_task>
ffffffff8129cd0c:	mov    0x730(%r9),%r10
ffffffff8129cd13:	test   %r10,%r10
ffffffff8129cd16:	je     ffffffff8129cd6d <ptrace_syscall_entry_wanted+0x71>
ffffffff8129cd18:	mov    0x78(%rdi),%rax
ffffffff8129cd1c:	mov    $0x40000003,%esi
ffffffff8129cd21:	mov    %eax,%ebx
ffffffff8129cd23:	testb  $0x2,0x10(%r9)
ffffffff8129cd28:	jne    ffffffff8129cd39 <ptrace_syscall_entry_wanted+0x3d>
ffffffff8129cd2a:	mov    $0xc000003e,%esi
ffffffff8129cd2f:	test   %eax,%eax
ffffffff8129cd31:	js     ffffffff8129cd39 <ptrace_syscall_entry_wanted+0x3d>
ffffffff8129cd33:	and    $0xbfffffff,%ebx
ffffffff8129cd39:	xor    %edx,%edx
ffffffff8129cd3b:	mov    %ebx,%ecx
ffffffff8129cd3d:	mov    %r10,%rdi
ffffffff8129cd40:	call   ffffffff8129cae4 <syscall_in_list>
ffffffff8129cd45:	mov    %eax,%edx
ffffffff8129cd47:	xor    %eax,%eax
ffffffff8129cd49:	cmp    0x4(%r10),%dl
ffffffff8129cd4d:	sete   %r11b
ffffffff8129cd51:	jne    ffffffff8129cd68 <ptrace_syscall_entry_wanted+0x6c>
ffffffff8129cd53:	mov    %ebx,%ecx
ffffffff8129cd55:	mov    $0x1,%edx
ffffffff8129cd5a:	mov    %r10,%rdi
ffffffff8129cd5d:	call   ffffffff8129cae4 <syscall_in_list>
ffffffff8129cd62:	xor    $0x1,%eax
ffffffff8129cd65:	movzbl %al,%eax
ffffffff8129cd68:	and    $0x1,%eax
ffffffff8129cd6b:	jmp    ffffffff8129cd72 <ptrace_syscall_entry_wanted+0x76>
ffffffff8129cd6d:	mov    $0x1,%al
ffffffff8129cd6f:	mov    $0x1,%r11b
ffffffff8129cd72:	decl   %gs:0x6b12af(%rip)        # ffffffff8194e028 <__preempt_count>
ffffffff8129cd79:	jne    ffffffff8129cd80 <ptrace_syscall_entry_wanted+0x84>
ffffffff8129cd7b:	call   ffffffff81202aa0 <preempt_schedule_thunk>
ffffffff8129cd80:	mov    %r11d,%edx
ffffffff8129cd83:	mov    %al,0x738(%r9)
ffffffff8129cd8a:	mov    %r11d,%eax
ffffffff8129cd8d:	xor    $0x1,%edx
ffffffff8129cd90:	mov    %dl,0x739(%r9)
ffffffff8129cd97:	pop    %rbx
ffffffff8129cd98:	ret

ffffffff8129cae4 <syscall_in_list>:
ffffffff8129cae4:	cmp    $0xc000003e,%esi
ffffffff8129caea:	jne    ffffffff8129cb01 <syscall_in_list+0x1d>
ffffffff8129caec:	test   %dl,%dl
ffffffff8129caee:	je     ffffffff8129caf6 <syscall_in_list+0x12>
ffffffff8129caf0:	add    $0x60,%rdi
ffffffff8129caf4:	jmp    ffffffff8129cafa <syscall_in_list+0x16>
ffffffff8129caf6:	add    $0x18,%rdi
ffffffff8129cafa:	mov    $0x224,%eax
ffffffff8129caff:	jmp    ffffffff8129cb25 <syscall_in_list+0x41>
ffffffff8129cb01:	xor    %r8d,%r8d
ffffffff8129cb04:	cmp    $0x40000003,%esi
ffffffff8129cb0a:	jne    ffffffff8129cb41 <syscall_in_list+0x5d>
ffffffff8129cb0c:	test   %dl,%dl
ffffffff8129cb0e:	je     ffffffff8129cb19 <syscall_in_list+0x35>
ffffffff8129cb10:	add    $0xe8,%rdi
ffffffff8129cb17:	jmp    ffffffff8129cb20 <syscall_in_list+0x3c>
ffffffff8129cb19:	add    $0xa8,%rdi
ffffffff8129cb20:	mov    $0x1d8,%eax
ffffffff8129cb25:	movslq %ecx,%rcx
ffffffff8129cb28:	xor    %r8d,%r8d
ffffffff8129cb2b:	cmp    %rax,%rcx
ffffffff8129cb2e:	jae    ffffffff8129cb41 <syscall_in_list+0x5d>
ffffffff8129cb30:	cmp    %rax,%rcx
ffffffff8129cb33:	sbb    %rax,%rax
ffffffff8129cb36:	and    %rax,%rcx
ffffffff8129cb39:	bt     %rcx,(%rdi)
ffffffff8129cb3d:	setb   %r8b
ffffffff8129cb41:	mov    %r8d,%eax
ffffffff8129cb44:	ret


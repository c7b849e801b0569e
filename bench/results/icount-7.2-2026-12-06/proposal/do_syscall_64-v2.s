0000000000000000 <do_syscall_64>:
   0:	push   %r13
   2:	push   %r12
   4:	push   %rbp
   5:	push   %rbx
   6:	mov    %rdi,%rbx
   9:	sti
   a:	mov    %gs:0x0(%rip),%r12        # 12 <do_syscall_64+0x12>
  12:	movslq %esi,%rbp
  15:	mov    0x8(%r12),%r13
  1a:	test   $0xbf,%r13b
  1e:	je     ac <do_syscall_64+0xac>
  24:	test   $0x20,%r13b
  28:	je     33 <do_syscall_64+0x33>
  2a:	call   2f <do_syscall_64+0x2f>
  2f:	test   %al,%al
  31:	jne    87 <do_syscall_64+0x87>
  33:	test   $0xc,%r13b
  37:	je     5e <do_syscall_64+0x5e>
  39:	mov    %rbx,%rdi
  3c:	call   41 <do_syscall_64+0x41>
  41:	test   %al,%al
  43:	je     5e <do_syscall_64+0x5e>
  45:	mov    $0x1,%edi
  4a:	call   4f <do_syscall_64+0x4f>
  4f:	test   %eax,%eax
  51:	jne    87 <do_syscall_64+0x87>
  53:	and    $0x8,%r13b
  57:	jne    87 <do_syscall_64+0x87>
  59:	mov    0x8(%r12),%r13
  5e:	test   $0x1,%r13b
  62:	jne    7b <do_syscall_64+0x7b>
  64:	and    $0x2,%r13b
  68:	movslq 0x78(%rbx),%rbp
  6c:	je     ac <do_syscall_64+0xac>
  6e:	mov    %rbp,%rsi
  71:	mov    %rbx,%rdi
  74:	call   79 <do_syscall_64+0x79>
  79:	jmp    a9 <do_syscall_64+0xa9>
  7b:	call   80 <do_syscall_64+0x80>
  80:	movslq %eax,%rbp
  83:	inc    %eax
  85:	jne    8f <do_syscall_64+0x8f>
  87:	mov    0x0(%rip),%eax        # 8d <do_syscall_64+0x8d>
  8d:	jmp    10a <do_syscall_64+0x10a>
  8f:	and    $0x2,%r13b
  93:	movslq 0x78(%rbx),%rax
  97:	je     a4 <do_syscall_64+0xa4>
  99:	mov    %rax,%rsi
  9c:	mov    %rbx,%rdi
  9f:	call   a4 <do_syscall_64+0xa4>
  a4:	test   %rbp,%rbp
  a7:	jne    ac <do_syscall_64+0xac>
  a9:	mov    %rax,%rbp
  ac:	cmp    $0x1d7,%ebp
  b2:	jbe    e3 <do_syscall_64+0xe3>
  b4:	mov    0x0(%rip),%edx        # ba <do_syscall_64+0xba>
  ba:	mov    %ebp,%eax
  bc:	lea    -0x40000000(%rbp),%esi
  c2:	test   %edx,%edx
  c4:	jle    fa <do_syscall_64+0xfa>
  c6:	cmp    $0x223,%esi
  cc:	ja     fa <do_syscall_64+0xfa>
  ce:	cmp    $0x224,%esi
  d4:	sbb    %rax,%rax
  d7:	and    %eax,%esi
  d9:	mov    %rbx,%rdi
  dc:	call   e1 <do_syscall_64+0xe1>
  e1:	jmp    106 <do_syscall_64+0x106>
  e3:	cmp    $0x1d8,%ebp
  e9:	sbb    %rax,%rax
  ec:	mov    %ebp,%esi
  ee:	mov    %rbx,%rdi
  f1:	and    %eax,%esi
  f3:	call   f8 <do_syscall_64+0xf8>
  f8:	jmp    106 <do_syscall_64+0x106>
  fa:	inc    %eax
  fc:	je     10a <do_syscall_64+0x10a>
  fe:	mov    %rbx,%rdi
 101:	call   106 <do_syscall_64+0x106>
 106:	mov    %rax,0x50(%rbx)
 10a:	mov    0x8(%r12),%rbp
 10f:	test   $0x76,%bpl
 113:	je     174 <do_syscall_64+0x174>
 115:	test   $0x20,%bpl
 119:	je     131 <do_syscall_64+0x131>
 11b:	cmpb   $0x0,0x698(%r12)
 124:	je     131 <do_syscall_64+0x131>
 126:	movb   $0x0,0x698(%r12)
 12f:	jmp    174 <do_syscall_64+0x174>
 131:	test   $0x2,%bpl
 135:	je     143 <do_syscall_64+0x143>
 137:	mov    0x50(%rbx),%rsi
 13b:	mov    %rbx,%rdi
 13e:	call   143 <do_syscall_64+0x143>
 143:	test   $0x8,%bpl
 147:	jne    14f <do_syscall_64+0x14f>
 149:	test   $0x40,%bpl
 14d:	jne    16c <do_syscall_64+0x16c>
 14f:	and    $0x4,%bpl
 153:	je     174 <do_syscall_64+0x174>
 155:	cmpb   $0x0,0x738(%r12)
 15e:	je     174 <do_syscall_64+0x174>
 160:	mov    $0x2,%edi
 165:	call   16a <do_syscall_64+0x16a>
 16a:	jmp    174 <do_syscall_64+0x174>
 16c:	mov    %rbx,%rdi
 16f:	call   174 <do_syscall_64+0x174>
 174:	cli
 175:	mov    (%r12),%rsi
 179:	test   $0xb37,%esi
 17f:	je     18c <do_syscall_64+0x18c>
 181:	mov    %rbx,%rdi
 184:	call   189 <do_syscall_64+0x189>
 189:	mov    %rax,%rsi
 18c:	test   %rsi,%rsi
 18f:	je     19c <do_syscall_64+0x19c>
 191:	bt     $0x13,%esi
 195:	jae    19c <do_syscall_64+0x19c>
 197:	call   19c <do_syscall_64+0x19c>
 19c:	andl   $0xfffffff9,0x10(%r12)
 1a2:	jmp    1a7 <do_syscall_64+0x1a7>
 1a7:	mov    %gs:0x0(%rip),%al        # 1ae <do_syscall_64+0x1ae>
 1ae:	test   %al,%al
 1b0:	je     1bf <do_syscall_64+0x1bf>
 1b2:	nop
 1b3:	nop
 1b4:	nop
 1b5:	nop
 1b6:	nop
 1b7:	movb   $0x0,%gs:0x0(%rip)        # 1bf <do_syscall_64+0x1bf>
 1bf:	mov    0x880(%r12),%rax
 1c7:	test   %rax,%rax
 1ca:	je     209 <do_syscall_64+0x209>
 1cc:	mov    %rax,%rdx
 1cf:	and    $0x1,%edx
 1d2:	jne    209 <do_syscall_64+0x209>
 1d4:	lock cmpxchg %rdx,0x880(%r12)
 1de:	jne    1cc <do_syscall_64+0x1cc>
 1e0:	mov    0x888(%r12),%rax
 1e8:	xor    %esi,%esi
 1ea:	mov    %rsi,0x8a0(%r12)
 1f2:	test   %rax,%rax
 1f5:	je     209 <do_syscall_64+0x209>
 1f7:	xor    %edx,%edx
 1f9:	xor    %ecx,%ecx
 1fb:	mov    %edx,0x8(%rax)
 1fe:	mov    0x888(%r12),%rax
 206:	mov    %rcx,(%rax)
 209:	xor    %eax,%eax
 20b:	mov    $0x1,%ecx
 210:	mov    %eax,%edx
 212:	nop
 213:	nop
 214:	mov    0x80(%rbx),%rcx
 21b:	cmp    %rcx,0x58(%rbx)
 21f:	jne    25a <do_syscall_64+0x25a>
 221:	mov    0x90(%rbx),%rdx
 228:	cmp    %rdx,0x30(%rbx)
 22c:	jne    25a <do_syscall_64+0x25a>
 22e:	cmpw   $0x33,0x88(%rbx)
 236:	jne    25a <do_syscall_64+0x25a>
 238:	cmpw   $0x2b,0xa0(%rbx)
 240:	jne    25a <do_syscall_64+0x25a>
 242:	movabs $0x7ffffffff000,%rsi
 24c:	cmp    %rsi,%rcx
 24f:	jae    25a <do_syscall_64+0x25a>
 251:	test   $0x10100,%edx
 257:	sete   %al
 25a:	pop    %rbx
 25b:	pop    %rbp
 25c:	pop    %r12
 25e:	pop    %r13
 260:	ret


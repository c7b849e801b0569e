0000000000000000 <do_syscall_64>:
   0:	push   %r13
   2:	push   %r12
   4:	movslq %esi,%r12
   7:	push   %rbp
   8:	push   %rbx
   9:	mov    %rdi,%rbx
   c:	sti
   d:	mov    %gs:0x0(%rip),%rbp        # 15 <do_syscall_64+0x15>
  15:	mov    0x8(%rbp),%r13
  19:	test   $0xbf,%r13b
  1d:	je     14a <do_syscall_64+0x14a>
  23:	test   $0xbb,%r13b
  27:	jne    bd <do_syscall_64+0xbd>
  2d:	mov    0x78(%rdi),%rdx
  31:	testb  $0x2,0x10(%rbp)
  35:	jne    65 <do_syscall_64+0x65>
  37:	and    $0xbfffffff,%edx
  3d:	mov    %edx,%eax
  3f:	cmp    $0x223,%edx
  45:	ja     bd <do_syscall_64+0xbd>
  47:	incl   %gs:0x0(%rip)        # 4e <do_syscall_64+0x4e>
  4e:	and    $0x3ff,%eax
  53:	mov    0x730(%rbp),%rdx
  5a:	test   %rdx,%rdx
  5d:	je     87 <do_syscall_64+0x87>
  5f:	bt     %rax,(%rdx)
  63:	jmp    9f <do_syscall_64+0x9f>
  65:	mov    %edx,%eax
  67:	cmp    $0x1d7,%edx
  6d:	ja     bd <do_syscall_64+0xbd>
  6f:	incl   %gs:0x0(%rip)        # 76 <do_syscall_64+0x76>
  76:	and    $0x1ff,%eax
  7b:	mov    0x730(%rbp),%rdx
  82:	test   %rdx,%rdx
  85:	jne    97 <do_syscall_64+0x97>
  87:	decl   %gs:0x0(%rip)        # 8e <do_syscall_64+0x8e>
  8e:	jne    bd <do_syscall_64+0xbd>
  90:	call   95 <do_syscall_64+0x95>
  95:	jmp    bd <do_syscall_64+0xbd>
  97:	bt     %rax,0x80(%rdx)
  9f:	jb     87 <do_syscall_64+0x87>
  a1:	decl   %gs:0x0(%rip)        # a8 <do_syscall_64+0xa8>
  a8:	jne    af <do_syscall_64+0xaf>
  aa:	call   af <do_syscall_64+0xaf>
  af:	movw   $0x100,0x738(%rbp)
  b8:	jmp    14a <do_syscall_64+0x14a>
  bd:	test   $0x20,%r13b
  c1:	je     cf <do_syscall_64+0xcf>
  c3:	mov    %rbx,%rdi
  c6:	call   cb <do_syscall_64+0xcb>
  cb:	test   %al,%al
  cd:	jne    10b <do_syscall_64+0x10b>
  cf:	test   $0xc,%r13b
  d3:	je     f9 <do_syscall_64+0xf9>
  d5:	mov    %rbx,%rdi
  d8:	call   dd <do_syscall_64+0xdd>
  dd:	test   %al,%al
  df:	je     f9 <do_syscall_64+0xf9>
  e1:	mov    $0x1,%edi
  e6:	call   eb <do_syscall_64+0xeb>
  eb:	test   %eax,%eax
  ed:	jne    10b <do_syscall_64+0x10b>
  ef:	and    $0x8,%r13b
  f3:	jne    10b <do_syscall_64+0x10b>
  f5:	mov    0x8(%rbp),%r13
  f9:	test   $0x1,%r13b
  fd:	je     116 <do_syscall_64+0x116>
  ff:	call   104 <do_syscall_64+0x104>
 104:	movslq %eax,%r12
 107:	inc    %eax
 109:	jne    12d <do_syscall_64+0x12d>
 10b:	mov    0x0(%rip),%eax        # 111 <do_syscall_64+0x111>
 111:	jmp    1ae <do_syscall_64+0x1ae>
 116:	and    $0x2,%r13b
 11a:	movslq 0x78(%rbx),%r12
 11e:	je     14a <do_syscall_64+0x14a>
 120:	mov    %r12,%rsi
 123:	mov    %rbx,%rdi
 126:	call   12b <do_syscall_64+0x12b>
 12b:	jmp    147 <do_syscall_64+0x147>
 12d:	and    $0x2,%r13b
 131:	movslq 0x78(%rbx),%rax
 135:	je     142 <do_syscall_64+0x142>
 137:	mov    %rax,%rsi
 13a:	mov    %rbx,%rdi
 13d:	call   142 <do_syscall_64+0x142>
 142:	test   %r12,%r12
 145:	jne    14a <do_syscall_64+0x14a>
 147:	mov    %rax,%r12
 14a:	cmp    $0x1d7,%r12d
 151:	jbe    185 <do_syscall_64+0x185>
 153:	mov    0x0(%rip),%edx        # 159 <do_syscall_64+0x159>
 159:	mov    %r12d,%eax
 15c:	lea    -0x40000000(%r12),%esi
 164:	test   %edx,%edx
 166:	jle    19e <do_syscall_64+0x19e>
 168:	cmp    $0x223,%esi
 16e:	ja     19e <do_syscall_64+0x19e>
 170:	cmp    $0x224,%esi
 176:	sbb    %rax,%rax
 179:	and    %eax,%esi
 17b:	mov    %rbx,%rdi
 17e:	call   183 <do_syscall_64+0x183>
 183:	jmp    1aa <do_syscall_64+0x1aa>
 185:	cmp    $0x1d8,%r12d
 18c:	sbb    %rax,%rax
 18f:	mov    %r12d,%esi
 192:	mov    %rbx,%rdi
 195:	and    %eax,%esi
 197:	call   19c <do_syscall_64+0x19c>
 19c:	jmp    1aa <do_syscall_64+0x1aa>
 19e:	inc    %eax
 1a0:	je     1ae <do_syscall_64+0x1ae>
 1a2:	mov    %rbx,%rdi
 1a5:	call   1aa <do_syscall_64+0x1aa>
 1aa:	mov    %rax,0x50(%rbx)
 1ae:	mov    0x8(%rbp),%r12
 1b2:	test   $0x76,%r12b
 1b6:	je     220 <do_syscall_64+0x220>
 1b8:	test   $0x72,%r12b
 1bc:	jne    1c7 <do_syscall_64+0x1c7>
 1be:	cmpb   $0x0,0x738(%rbp)
 1c5:	je     220 <do_syscall_64+0x220>
 1c7:	test   $0x20,%r12b
 1cb:	je     1df <do_syscall_64+0x1df>
 1cd:	cmpb   $0x0,0x698(%rbp)
 1d4:	je     1df <do_syscall_64+0x1df>
 1d6:	movb   $0x0,0x698(%rbp)
 1dd:	jmp    220 <do_syscall_64+0x220>
 1df:	test   $0x2,%r12b
 1e3:	je     1f1 <do_syscall_64+0x1f1>
 1e5:	mov    0x50(%rbx),%rsi
 1e9:	mov    %rbx,%rdi
 1ec:	call   1f1 <do_syscall_64+0x1f1>
 1f1:	test   $0x8,%r12b
 1f5:	jne    1fd <do_syscall_64+0x1fd>
 1f7:	test   $0x40,%r12b
 1fb:	jne    218 <do_syscall_64+0x218>
 1fd:	and    $0x4,%r12b
 201:	je     220 <do_syscall_64+0x220>
 203:	cmpb   $0x0,0x738(%rbp)
 20a:	je     220 <do_syscall_64+0x220>
 20c:	mov    $0x2,%edi
 211:	call   216 <do_syscall_64+0x216>
 216:	jmp    220 <do_syscall_64+0x220>
 218:	mov    %rbx,%rdi
 21b:	call   220 <do_syscall_64+0x220>
 220:	cli
 221:	mov    0x0(%rbp),%rsi
 225:	test   $0xb37,%esi
 22b:	je     238 <do_syscall_64+0x238>
 22d:	mov    %rbx,%rdi
 230:	call   235 <do_syscall_64+0x235>
 235:	mov    %rax,%rsi
 238:	test   %rsi,%rsi
 23b:	je     248 <do_syscall_64+0x248>
 23d:	bt     $0x13,%esi
 241:	jae    248 <do_syscall_64+0x248>
 243:	call   248 <do_syscall_64+0x248>
 248:	andl   $0xfffffff9,0x10(%rbp)
 24c:	jmp    251 <do_syscall_64+0x251>
 251:	mov    %gs:0x0(%rip),%al        # 258 <do_syscall_64+0x258>
 258:	test   %al,%al
 25a:	je     269 <do_syscall_64+0x269>
 25c:	nop
 25d:	nop
 25e:	nop
 25f:	nop
 260:	nop
 261:	movb   $0x0,%gs:0x0(%rip)        # 269 <do_syscall_64+0x269>
 269:	mov    0x880(%rbp),%rax
 270:	test   %rax,%rax
 273:	je     2ae <do_syscall_64+0x2ae>
 275:	mov    %rax,%rdx
 278:	and    $0x1,%edx
 27b:	jne    2ae <do_syscall_64+0x2ae>
 27d:	lock cmpxchg %rdx,0x880(%rbp)
 286:	jne    275 <do_syscall_64+0x275>
 288:	mov    0x888(%rbp),%rax
 28f:	xor    %esi,%esi
 291:	mov    %rsi,0x8a0(%rbp)
 298:	test   %rax,%rax
 29b:	je     2ae <do_syscall_64+0x2ae>
 29d:	xor    %edx,%edx
 29f:	xor    %ecx,%ecx
 2a1:	mov    %edx,0x8(%rax)
 2a4:	mov    0x888(%rbp),%rax
 2ab:	mov    %rcx,(%rax)
 2ae:	xor    %eax,%eax
 2b0:	mov    $0x1,%ecx
 2b5:	mov    %eax,%edx
 2b7:	nop
 2b8:	nop
 2b9:	mov    0x80(%rbx),%rcx
 2c0:	cmp    %rcx,0x58(%rbx)
 2c4:	jne    2ff <do_syscall_64+0x2ff>
 2c6:	mov    0x90(%rbx),%rdx
 2cd:	cmp    %rdx,0x30(%rbx)
 2d1:	jne    2ff <do_syscall_64+0x2ff>
 2d3:	cmpw   $0x33,0x88(%rbx)
 2db:	jne    2ff <do_syscall_64+0x2ff>
 2dd:	cmpw   $0x2b,0xa0(%rbx)
 2e5:	jne    2ff <do_syscall_64+0x2ff>
 2e7:	movabs $0x7ffffffff000,%rsi
 2f1:	cmp    %rsi,%rcx
 2f4:	jae    2ff <do_syscall_64+0x2ff>
 2f6:	test   $0x10100,%edx
 2fc:	sete   %al
 2ff:	pop    %rbx
 300:	pop    %rbp
 301:	pop    %r12
 303:	pop    %r13
 305:	ret


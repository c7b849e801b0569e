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
  1d:	je     11d <do_syscall_64+0x11d>
  23:	test   $0xbb,%r13b
  27:	jne    90 <do_syscall_64+0x90>
  29:	testb  $0x2,0x10(%rbp)
  2d:	jne    59 <do_syscall_64+0x59>
  2f:	mov    0x730(%rbp),%rcx
  36:	test   %rcx,%rcx
  39:	je     90 <do_syscall_64+0x90>
  3b:	mov    0x78(%rdi),%edx
  3e:	and    $0xbfffffff,%edx
  44:	mov    %edx,%eax
  46:	cmp    $0x223,%edx
  4c:	ja     90 <do_syscall_64+0x90>
  4e:	and    $0x3ff,%eax
  53:	bt     %rax,(%rcx)
  57:	jmp    80 <do_syscall_64+0x80>
  59:	mov    0x730(%rbp),%rdx
  60:	test   %rdx,%rdx
  63:	je     90 <do_syscall_64+0x90>
  65:	mov    0x78(%rdi),%rcx
  69:	mov    %ecx,%eax
  6b:	cmp    $0x1d7,%ecx
  71:	ja     90 <do_syscall_64+0x90>
  73:	and    $0x1ff,%eax
  78:	bt     %rax,0x80(%rdx)
  80:	jb     90 <do_syscall_64+0x90>
  82:	movw   $0x100,0x740(%rbp)
  8b:	jmp    11d <do_syscall_64+0x11d>
  90:	test   $0x20,%r13b
  94:	je     a2 <do_syscall_64+0xa2>
  96:	mov    %rbx,%rdi
  99:	call   9e <do_syscall_64+0x9e>
  9e:	test   %al,%al
  a0:	jne    de <do_syscall_64+0xde>
  a2:	test   $0xc,%r13b
  a6:	je     cc <do_syscall_64+0xcc>
  a8:	mov    %rbx,%rdi
  ab:	call   b0 <do_syscall_64+0xb0>
  b0:	test   %al,%al
  b2:	je     cc <do_syscall_64+0xcc>
  b4:	mov    $0x1,%edi
  b9:	call   be <do_syscall_64+0xbe>
  be:	test   %eax,%eax
  c0:	jne    de <do_syscall_64+0xde>
  c2:	and    $0x8,%r13b
  c6:	jne    de <do_syscall_64+0xde>
  c8:	mov    0x8(%rbp),%r13
  cc:	test   $0x1,%r13b
  d0:	je     e9 <do_syscall_64+0xe9>
  d2:	call   d7 <do_syscall_64+0xd7>
  d7:	movslq %eax,%r12
  da:	inc    %eax
  dc:	jne    100 <do_syscall_64+0x100>
  de:	mov    0x0(%rip),%eax        # e4 <do_syscall_64+0xe4>
  e4:	jmp    181 <do_syscall_64+0x181>
  e9:	and    $0x2,%r13b
  ed:	movslq 0x78(%rbx),%r12
  f1:	je     11d <do_syscall_64+0x11d>
  f3:	mov    %r12,%rsi
  f6:	mov    %rbx,%rdi
  f9:	call   fe <do_syscall_64+0xfe>
  fe:	jmp    11a <do_syscall_64+0x11a>
 100:	and    $0x2,%r13b
 104:	movslq 0x78(%rbx),%rax
 108:	je     115 <do_syscall_64+0x115>
 10a:	mov    %rax,%rsi
 10d:	mov    %rbx,%rdi
 110:	call   115 <do_syscall_64+0x115>
 115:	test   %r12,%r12
 118:	jne    11d <do_syscall_64+0x11d>
 11a:	mov    %rax,%r12
 11d:	cmp    $0x1d7,%r12d
 124:	jbe    158 <do_syscall_64+0x158>
 126:	mov    0x0(%rip),%edx        # 12c <do_syscall_64+0x12c>
 12c:	mov    %r12d,%eax
 12f:	lea    -0x40000000(%r12),%esi
 137:	test   %edx,%edx
 139:	jle    171 <do_syscall_64+0x171>
 13b:	cmp    $0x223,%esi
 141:	ja     171 <do_syscall_64+0x171>
 143:	cmp    $0x224,%esi
 149:	sbb    %rax,%rax
 14c:	and    %eax,%esi
 14e:	mov    %rbx,%rdi
 151:	call   156 <do_syscall_64+0x156>
 156:	jmp    17d <do_syscall_64+0x17d>
 158:	cmp    $0x1d8,%r12d
 15f:	sbb    %rax,%rax
 162:	mov    %r12d,%esi
 165:	mov    %rbx,%rdi
 168:	and    %eax,%esi
 16a:	call   16f <do_syscall_64+0x16f>
 16f:	jmp    17d <do_syscall_64+0x17d>
 171:	inc    %eax
 173:	je     181 <do_syscall_64+0x181>
 175:	mov    %rbx,%rdi
 178:	call   17d <do_syscall_64+0x17d>
 17d:	mov    %rax,0x50(%rbx)
 181:	mov    0x8(%rbp),%r12
 185:	test   $0x76,%r12b
 189:	je     1f3 <do_syscall_64+0x1f3>
 18b:	test   $0x72,%r12b
 18f:	jne    19a <do_syscall_64+0x19a>
 191:	cmpb   $0x0,0x740(%rbp)
 198:	je     1f3 <do_syscall_64+0x1f3>
 19a:	test   $0x20,%r12b
 19e:	je     1b2 <do_syscall_64+0x1b2>
 1a0:	cmpb   $0x0,0x698(%rbp)
 1a7:	je     1b2 <do_syscall_64+0x1b2>
 1a9:	movb   $0x0,0x698(%rbp)
 1b0:	jmp    1f3 <do_syscall_64+0x1f3>
 1b2:	test   $0x2,%r12b
 1b6:	je     1c4 <do_syscall_64+0x1c4>
 1b8:	mov    0x50(%rbx),%rsi
 1bc:	mov    %rbx,%rdi
 1bf:	call   1c4 <do_syscall_64+0x1c4>
 1c4:	test   $0x8,%r12b
 1c8:	jne    1d0 <do_syscall_64+0x1d0>
 1ca:	test   $0x40,%r12b
 1ce:	jne    1eb <do_syscall_64+0x1eb>
 1d0:	and    $0x4,%r12b
 1d4:	je     1f3 <do_syscall_64+0x1f3>
 1d6:	cmpb   $0x0,0x740(%rbp)
 1dd:	je     1f3 <do_syscall_64+0x1f3>
 1df:	mov    $0x2,%edi
 1e4:	call   1e9 <do_syscall_64+0x1e9>
 1e9:	jmp    1f3 <do_syscall_64+0x1f3>
 1eb:	mov    %rbx,%rdi
 1ee:	call   1f3 <do_syscall_64+0x1f3>
 1f3:	cli
 1f4:	mov    0x0(%rbp),%rsi
 1f8:	test   $0xb37,%esi
 1fe:	je     20b <do_syscall_64+0x20b>
 200:	mov    %rbx,%rdi
 203:	call   208 <do_syscall_64+0x208>
 208:	mov    %rax,%rsi
 20b:	test   %rsi,%rsi
 20e:	je     21b <do_syscall_64+0x21b>
 210:	bt     $0x13,%esi
 214:	jae    21b <do_syscall_64+0x21b>
 216:	call   21b <do_syscall_64+0x21b>
 21b:	andl   $0xfffffff9,0x10(%rbp)
 21f:	jmp    224 <do_syscall_64+0x224>
 224:	mov    %gs:0x0(%rip),%al        # 22b <do_syscall_64+0x22b>
 22b:	test   %al,%al
 22d:	je     23c <do_syscall_64+0x23c>
 22f:	nop
 230:	nop
 231:	nop
 232:	nop
 233:	nop
 234:	movb   $0x0,%gs:0x0(%rip)        # 23c <do_syscall_64+0x23c>
 23c:	mov    0x888(%rbp),%rax
 243:	test   %rax,%rax
 246:	je     281 <do_syscall_64+0x281>
 248:	mov    %rax,%rdx
 24b:	and    $0x1,%edx
 24e:	jne    281 <do_syscall_64+0x281>
 250:	lock cmpxchg %rdx,0x888(%rbp)
 259:	jne    248 <do_syscall_64+0x248>
 25b:	mov    0x890(%rbp),%rax
 262:	xor    %esi,%esi
 264:	mov    %rsi,0x8a8(%rbp)
 26b:	test   %rax,%rax
 26e:	je     281 <do_syscall_64+0x281>
 270:	xor    %edx,%edx
 272:	xor    %ecx,%ecx
 274:	mov    %edx,0x8(%rax)
 277:	mov    0x890(%rbp),%rax
 27e:	mov    %rcx,(%rax)
 281:	xor    %eax,%eax
 283:	mov    $0x1,%ecx
 288:	mov    %eax,%edx
 28a:	nop
 28b:	nop
 28c:	mov    0x80(%rbx),%rcx
 293:	cmp    %rcx,0x58(%rbx)
 297:	jne    2d2 <do_syscall_64+0x2d2>
 299:	mov    0x90(%rbx),%rdx
 2a0:	cmp    %rdx,0x30(%rbx)
 2a4:	jne    2d2 <do_syscall_64+0x2d2>
 2a6:	cmpw   $0x33,0x88(%rbx)
 2ae:	jne    2d2 <do_syscall_64+0x2d2>
 2b0:	cmpw   $0x2b,0xa0(%rbx)
 2b8:	jne    2d2 <do_syscall_64+0x2d2>
 2ba:	movabs $0x7ffffffff000,%rsi
 2c4:	cmp    %rsi,%rcx
 2c7:	jae    2d2 <do_syscall_64+0x2d2>
 2c9:	test   $0x10100,%edx
 2cf:	sete   %al
 2d2:	pop    %rbx
 2d3:	pop    %rbp
 2d4:	pop    %r12
 2d6:	pop    %r13
 2d8:	ret


0000000000000000 <__do_fast_syscall_32>:
   0:	push   %r14
   2:	push   %r13
   4:	push   %r12
   6:	push   %rbp
   7:	mov    %rdi,%rbp
   a:	push   %rbx
   b:	mov    %gs:0x0(%rip),%rbx        # 13 <__do_fast_syscall_32+0x13>
  13:	orl    $0x2,0x10(%rbx)
  17:	mov    0x78(%rdi),%rsi
  1b:	sti
  1c:	mov    0x98(%rdi),%eax
  22:	call   27 <__do_fast_syscall_32+0x27>
  27:	mov    %edx,0x20(%rdi)
  2a:	test   %eax,%eax
  2c:	je     d7 <__do_fast_syscall_32+0xd7>
  32:	movq   $0xfffffffffffffff2,0x50(%rdi)
  3a:	cli
  3b:	mov    (%rbx),%r12
  3e:	test   $0x1b37,%r12d
  45:	je     78 <__do_fast_syscall_32+0x78>
  47:	mov    %r12,%rax
  4a:	and    $0x1030,%eax
  4f:	cmp    $0x1000,%rax
  55:	jne    6a <__do_fast_syscall_32+0x6a>
  57:	lock andb $0xef,0x1(%rbx)
  5c:	call   61 <__do_fast_syscall_32+0x61>
  61:	and    $0xffffffffffffefff,%r12
  68:	je     78 <__do_fast_syscall_32+0x78>
  6a:	mov    %r12,%rsi
  6d:	mov    %rbp,%rdi
  70:	call   75 <__do_fast_syscall_32+0x75>
  75:	mov    %rax,%r12
  78:	mov    %r12,%rdi
  7b:	call   80 <__do_fast_syscall_32+0x80>
  80:	mov    0x880(%rbx),%rax
  87:	test   %rax,%rax
  8a:	je     c7 <__do_fast_syscall_32+0xc7>
  8c:	mov    %rax,%rdx
  8f:	and    $0x1,%edx
  92:	jne    c7 <__do_fast_syscall_32+0xc7>
  94:	lock cmpxchg %rdx,0x880(%rbx)
  9d:	jne    8c <__do_fast_syscall_32+0x8c>
  9f:	mov    0x888(%rbx),%rax
  a6:	xor    %r9d,%r9d
  a9:	mov    %r9,0x8a0(%rbx)
  b0:	test   %rax,%rax
  b3:	je     c7 <__do_fast_syscall_32+0xc7>
  b5:	xor    %edi,%edi
  b7:	xor    %r8d,%r8d
  ba:	mov    %edi,0x8(%rax)
  bd:	mov    0x888(%rbx),%rax
  c4:	mov    %r8,(%rax)
  c7:	xor    %eax,%eax
  c9:	mov    $0x1,%ecx
  ce:	mov    %eax,%edx
  d0:	nop
  d1:	nop
  d2:	jmp    33c <__do_fast_syscall_32+0x33c>
  d7:	mov    0x8(%rbx),%r12
  db:	movslq %esi,%rsi
  de:	test   $0xbf,%r12b
  e2:	je     231 <__do_fast_syscall_32+0x231>
  e8:	test   $0xbb,%r12b
  ec:	jne    186 <__do_fast_syscall_32+0x186>
  f2:	mov    0x78(%rdi),%rax
  f6:	testb  $0x2,0x10(%rbx)
  fa:	jne    10c <__do_fast_syscall_32+0x10c>
  fc:	and    $0xbfffffff,%eax
 101:	mov    %eax,%edx
 103:	cmp    $0x223,%eax
 108:	jbe    115 <__do_fast_syscall_32+0x115>
 10a:	jmp    186 <__do_fast_syscall_32+0x186>
 10c:	cmp    $0x1d7,%eax
 111:	jbe    136 <__do_fast_syscall_32+0x136>
 113:	jmp    186 <__do_fast_syscall_32+0x186>
 115:	mov    %rdx,%rax
 118:	incl   %gs:0x0(%rip)        # 11f <__do_fast_syscall_32+0x11f>
 11f:	and    $0x3ff,%eax
 124:	mov    0x730(%rbx),%rdx
 12b:	test   %rdx,%rdx
 12e:	je     150 <__do_fast_syscall_32+0x150>
 130:	bt     %rax,(%rdx)
 134:	jmp    168 <__do_fast_syscall_32+0x168>
 136:	mov    %eax,%eax
 138:	incl   %gs:0x0(%rip)        # 13f <__do_fast_syscall_32+0x13f>
 13f:	and    $0x1ff,%eax
 144:	mov    0x730(%rbx),%rdx
 14b:	test   %rdx,%rdx
 14e:	jne    160 <__do_fast_syscall_32+0x160>
 150:	decl   %gs:0x0(%rip)        # 157 <__do_fast_syscall_32+0x157>
 157:	jne    186 <__do_fast_syscall_32+0x186>
 159:	call   15e <__do_fast_syscall_32+0x15e>
 15e:	jmp    186 <__do_fast_syscall_32+0x186>
 160:	bt     %rax,0x80(%rdx)
 168:	jb     150 <__do_fast_syscall_32+0x150>
 16a:	decl   %gs:0x0(%rip)        # 171 <__do_fast_syscall_32+0x171>
 171:	jne    178 <__do_fast_syscall_32+0x178>
 173:	call   178 <__do_fast_syscall_32+0x178>
 178:	movw   $0x100,0x738(%rbx)
 181:	jmp    231 <__do_fast_syscall_32+0x231>
 186:	test   $0x20,%r12b
 18a:	jne    194 <__do_fast_syscall_32+0x194>
 18c:	test   $0xc,%r12b
 190:	je     1d1 <__do_fast_syscall_32+0x1d1>
 192:	jmp    1a5 <__do_fast_syscall_32+0x1a5>
 194:	mov    %rbp,%rdi
 197:	call   19c <__do_fast_syscall_32+0x19c>
 19c:	test   %al,%al
 19e:	je     18c <__do_fast_syscall_32+0x18c>
 1a0:	jmp    259 <__do_fast_syscall_32+0x259>
 1a5:	mov    %rbp,%rdi
 1a8:	call   1ad <__do_fast_syscall_32+0x1ad>
 1ad:	test   %al,%al
 1af:	je     1d1 <__do_fast_syscall_32+0x1d1>
 1b1:	mov    $0x1,%edi
 1b6:	call   1bb <__do_fast_syscall_32+0x1bb>
 1bb:	test   %eax,%eax
 1bd:	jne    259 <__do_fast_syscall_32+0x259>
 1c3:	and    $0x8,%r12b
 1c7:	jne    259 <__do_fast_syscall_32+0x259>
 1cd:	mov    0x8(%rbx),%r12
 1d1:	test   $0x1,%r12b
 1d5:	je     1ea <__do_fast_syscall_32+0x1ea>
 1d7:	call   1dc <__do_fast_syscall_32+0x1dc>
 1dc:	movslq %eax,%r14
 1df:	mov    %r14,%r13
 1e2:	cmp    $0xffffffff,%r14d
 1e6:	jne    201 <__do_fast_syscall_32+0x201>
 1e8:	jmp    259 <__do_fast_syscall_32+0x259>
 1ea:	and    $0x2,%r12b
 1ee:	movslq 0x78(%rbp),%rsi
 1f2:	je     231 <__do_fast_syscall_32+0x231>
 1f4:	mov    %rbp,%rdi
 1f7:	call   1fc <__do_fast_syscall_32+0x1fc>
 1fc:	mov    %rax,%rsi
 1ff:	jmp    231 <__do_fast_syscall_32+0x231>
 201:	and    $0x2,%r12b
 205:	movslq 0x78(%rbp),%rsi
 209:	je     216 <__do_fast_syscall_32+0x216>
 20b:	mov    %rbp,%rdi
 20e:	call   213 <__do_fast_syscall_32+0x213>
 213:	mov    %rax,%rsi
 216:	test   %r14,%r14
 219:	je     231 <__do_fast_syscall_32+0x231>
 21b:	mov    %r13d,%eax
 21e:	cmp    $0x1d7,%r13d
 225:	jbe    23b <__do_fast_syscall_32+0x23b>
 227:	mov    %rbp,%rdi
 22a:	call   22f <__do_fast_syscall_32+0x22f>
 22f:	jmp    24f <__do_fast_syscall_32+0x24f>
 231:	mov    %esi,%eax
 233:	cmp    $0x1d7,%esi
 239:	ja     255 <__do_fast_syscall_32+0x255>
 23b:	cmp    $0x1d8,%eax
 240:	sbb    %rdx,%rdx
 243:	and    %edx,%eax
 245:	mov    %rbp,%rdi
 248:	mov    %eax,%esi
 24a:	call   24f <__do_fast_syscall_32+0x24f>
 24f:	mov    %rax,0x50(%rbp)
 253:	jmp    259 <__do_fast_syscall_32+0x259>
 255:	inc    %esi
 257:	jne    227 <__do_fast_syscall_32+0x227>
 259:	mov    0x8(%rbx),%r12
 25d:	test   $0x76,%r12b
 261:	je     2cb <__do_fast_syscall_32+0x2cb>
 263:	test   $0x72,%r12b
 267:	jne    272 <__do_fast_syscall_32+0x272>
 269:	cmpb   $0x0,0x738(%rbx)
 270:	je     2cb <__do_fast_syscall_32+0x2cb>
 272:	test   $0x20,%r12b
 276:	je     28a <__do_fast_syscall_32+0x28a>
 278:	cmpb   $0x0,0x698(%rbx)
 27f:	je     28a <__do_fast_syscall_32+0x28a>
 281:	movb   $0x0,0x698(%rbx)
 288:	jmp    2cb <__do_fast_syscall_32+0x2cb>
 28a:	test   $0x2,%r12b
 28e:	je     29c <__do_fast_syscall_32+0x29c>
 290:	mov    0x50(%rbp),%rsi
 294:	mov    %rbp,%rdi
 297:	call   29c <__do_fast_syscall_32+0x29c>
 29c:	test   $0x8,%r12b
 2a0:	jne    2a8 <__do_fast_syscall_32+0x2a8>
 2a2:	test   $0x40,%r12b
 2a6:	jne    2c3 <__do_fast_syscall_32+0x2c3>
 2a8:	and    $0x4,%r12b
 2ac:	je     2cb <__do_fast_syscall_32+0x2cb>
 2ae:	cmpb   $0x0,0x738(%rbx)
 2b5:	je     2cb <__do_fast_syscall_32+0x2cb>
 2b7:	mov    $0x2,%edi
 2bc:	call   2c1 <__do_fast_syscall_32+0x2c1>
 2c1:	jmp    2cb <__do_fast_syscall_32+0x2cb>
 2c3:	mov    %rbp,%rdi
 2c6:	call   2cb <__do_fast_syscall_32+0x2cb>
 2cb:	cli
 2cc:	mov    (%rbx),%rsi
 2cf:	test   $0xb37,%esi
 2d5:	je     2e2 <__do_fast_syscall_32+0x2e2>
 2d7:	mov    %rbp,%rdi
 2da:	call   2df <__do_fast_syscall_32+0x2df>
 2df:	mov    %rax,%rsi
 2e2:	mov    %rsi,%rdi
 2e5:	call   2ea <__do_fast_syscall_32+0x2ea>
 2ea:	mov    0x880(%rbx),%rax
 2f1:	test   %rax,%rax
 2f4:	je     32f <__do_fast_syscall_32+0x32f>
 2f6:	mov    %rax,%rdx
 2f9:	and    $0x1,%edx
 2fc:	jne    32f <__do_fast_syscall_32+0x32f>
 2fe:	lock cmpxchg %rdx,0x880(%rbx)
 307:	jne    2f6 <__do_fast_syscall_32+0x2f6>
 309:	mov    0x888(%rbx),%rax
 310:	xor    %esi,%esi
 312:	mov    %rsi,0x8a0(%rbx)
 319:	test   %rax,%rax
 31c:	je     32f <__do_fast_syscall_32+0x32f>
 31e:	xor    %edx,%edx
 320:	xor    %ecx,%ecx
 322:	mov    %edx,0x8(%rax)
 325:	mov    0x888(%rbx),%rax
 32c:	mov    %rcx,(%rax)
 32f:	xor    %eax,%eax
 331:	mov    $0x1,%ecx
 336:	mov    %eax,%edx
 338:	nop
 339:	nop
 33a:	mov    $0x1,%al
 33c:	pop    %rbx
 33d:	pop    %rbp
 33e:	pop    %r12
 340:	pop    %r13
 342:	pop    %r14
 344:	ret


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
  d2:	jmp    28c <__do_fast_syscall_32+0x28c>
  d7:	mov    0x8(%rbx),%r13
  db:	test   $0xbf,%r13b
  df:	je     18d <__do_fast_syscall_32+0x18d>
  e5:	test   $0x20,%r13b
  e9:	jne    f3 <__do_fast_syscall_32+0xf3>
  eb:	test   $0xc,%r13b
  ef:	je     12d <__do_fast_syscall_32+0x12d>
  f1:	jmp    101 <__do_fast_syscall_32+0x101>
  f3:	call   f8 <__do_fast_syscall_32+0xf8>
  f8:	test   %al,%al
  fa:	je     eb <__do_fast_syscall_32+0xeb>
  fc:	jmp    1b8 <__do_fast_syscall_32+0x1b8>
 101:	mov    %rbp,%rdi
 104:	call   109 <__do_fast_syscall_32+0x109>
 109:	test   %al,%al
 10b:	je     12d <__do_fast_syscall_32+0x12d>
 10d:	mov    $0x1,%edi
 112:	call   117 <__do_fast_syscall_32+0x117>
 117:	test   %eax,%eax
 119:	jne    1b8 <__do_fast_syscall_32+0x1b8>
 11f:	and    $0x8,%r13b
 123:	jne    1b8 <__do_fast_syscall_32+0x1b8>
 129:	mov    0x8(%rbx),%r13
 12d:	test   $0x1,%r13b
 131:	je     146 <__do_fast_syscall_32+0x146>
 133:	call   138 <__do_fast_syscall_32+0x138>
 138:	movslq %eax,%r14
 13b:	mov    %r14,%r12
 13e:	cmp    $0xffffffff,%r14d
 142:	jne    15d <__do_fast_syscall_32+0x15d>
 144:	jmp    1b8 <__do_fast_syscall_32+0x1b8>
 146:	and    $0x2,%r13b
 14a:	movslq 0x78(%rbp),%rsi
 14e:	je     190 <__do_fast_syscall_32+0x190>
 150:	mov    %rbp,%rdi
 153:	call   158 <__do_fast_syscall_32+0x158>
 158:	mov    %rax,%rsi
 15b:	jmp    190 <__do_fast_syscall_32+0x190>
 15d:	and    $0x2,%r13b
 161:	movslq 0x78(%rbp),%rsi
 165:	je     172 <__do_fast_syscall_32+0x172>
 167:	mov    %rbp,%rdi
 16a:	call   16f <__do_fast_syscall_32+0x16f>
 16f:	mov    %rax,%rsi
 172:	test   %r14,%r14
 175:	je     190 <__do_fast_syscall_32+0x190>
 177:	mov    %r12d,%eax
 17a:	cmp    $0x1d7,%r12d
 181:	jbe    19a <__do_fast_syscall_32+0x19a>
 183:	mov    %rbp,%rdi
 186:	call   18b <__do_fast_syscall_32+0x18b>
 18b:	jmp    1ae <__do_fast_syscall_32+0x1ae>
 18d:	movslq %esi,%rsi
 190:	mov    %esi,%eax
 192:	cmp    $0x1d7,%esi
 198:	ja     1b4 <__do_fast_syscall_32+0x1b4>
 19a:	cmp    $0x1d8,%eax
 19f:	sbb    %rdx,%rdx
 1a2:	and    %edx,%eax
 1a4:	mov    %rbp,%rdi
 1a7:	mov    %eax,%esi
 1a9:	call   1ae <__do_fast_syscall_32+0x1ae>
 1ae:	mov    %rax,0x50(%rbp)
 1b2:	jmp    1b8 <__do_fast_syscall_32+0x1b8>
 1b4:	inc    %esi
 1b6:	jne    183 <__do_fast_syscall_32+0x183>
 1b8:	mov    0x8(%rbx),%r12
 1bc:	test   $0x76,%r12b
 1c0:	je     21b <__do_fast_syscall_32+0x21b>
 1c2:	test   $0x20,%r12b
 1c6:	je     1da <__do_fast_syscall_32+0x1da>
 1c8:	cmpb   $0x0,0x698(%rbx)
 1cf:	je     1da <__do_fast_syscall_32+0x1da>
 1d1:	movb   $0x0,0x698(%rbx)
 1d8:	jmp    21b <__do_fast_syscall_32+0x21b>
 1da:	test   $0x2,%r12b
 1de:	je     1ec <__do_fast_syscall_32+0x1ec>
 1e0:	mov    0x50(%rbp),%rsi
 1e4:	mov    %rbp,%rdi
 1e7:	call   1ec <__do_fast_syscall_32+0x1ec>
 1ec:	test   $0x8,%r12b
 1f0:	jne    1f8 <__do_fast_syscall_32+0x1f8>
 1f2:	test   $0x40,%r12b
 1f6:	jne    213 <__do_fast_syscall_32+0x213>
 1f8:	and    $0x4,%r12b
 1fc:	je     21b <__do_fast_syscall_32+0x21b>
 1fe:	cmpb   $0x0,0x738(%rbx)
 205:	je     21b <__do_fast_syscall_32+0x21b>
 207:	mov    $0x2,%edi
 20c:	call   211 <__do_fast_syscall_32+0x211>
 211:	jmp    21b <__do_fast_syscall_32+0x21b>
 213:	mov    %rbp,%rdi
 216:	call   21b <__do_fast_syscall_32+0x21b>
 21b:	cli
 21c:	mov    (%rbx),%rsi
 21f:	test   $0xb37,%esi
 225:	je     232 <__do_fast_syscall_32+0x232>
 227:	mov    %rbp,%rdi
 22a:	call   22f <__do_fast_syscall_32+0x22f>
 22f:	mov    %rax,%rsi
 232:	mov    %rsi,%rdi
 235:	call   23a <__do_fast_syscall_32+0x23a>
 23a:	mov    0x880(%rbx),%rax
 241:	test   %rax,%rax
 244:	je     27f <__do_fast_syscall_32+0x27f>
 246:	mov    %rax,%rdx
 249:	and    $0x1,%edx
 24c:	jne    27f <__do_fast_syscall_32+0x27f>
 24e:	lock cmpxchg %rdx,0x880(%rbx)
 257:	jne    246 <__do_fast_syscall_32+0x246>
 259:	mov    0x888(%rbx),%rax
 260:	xor    %esi,%esi
 262:	mov    %rsi,0x8a0(%rbx)
 269:	test   %rax,%rax
 26c:	je     27f <__do_fast_syscall_32+0x27f>
 26e:	xor    %edx,%edx
 270:	xor    %ecx,%ecx
 272:	mov    %edx,0x8(%rax)
 275:	mov    0x888(%rbx),%rax
 27c:	mov    %rcx,(%rax)
 27f:	xor    %eax,%eax
 281:	mov    $0x1,%ecx
 286:	mov    %eax,%edx
 288:	nop
 289:	nop
 28a:	mov    $0x1,%al
 28c:	pop    %rbx
 28d:	pop    %rbp
 28e:	pop    %r12
 290:	pop    %r13
 292:	pop    %r14
 294:	ret


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
  80:	mov    0x888(%rbx),%rax
  87:	test   %rax,%rax
  8a:	je     c7 <__do_fast_syscall_32+0xc7>
  8c:	mov    %rax,%rdx
  8f:	and    $0x1,%edx
  92:	jne    c7 <__do_fast_syscall_32+0xc7>
  94:	lock cmpxchg %rdx,0x888(%rbx)
  9d:	jne    8c <__do_fast_syscall_32+0x8c>
  9f:	mov    0x890(%rbx),%rax
  a6:	xor    %r9d,%r9d
  a9:	mov    %r9,0x8a8(%rbx)
  b0:	test   %rax,%rax
  b3:	je     c7 <__do_fast_syscall_32+0xc7>
  b5:	xor    %edi,%edi
  b7:	xor    %r8d,%r8d
  ba:	mov    %edi,0x8(%rax)
  bd:	mov    0x890(%rbx),%rax
  c4:	mov    %r8,(%rax)
  c7:	xor    %eax,%eax
  c9:	mov    $0x1,%ecx
  ce:	mov    %eax,%edx
  d0:	nop
  d1:	nop
  d2:	jmp    30f <__do_fast_syscall_32+0x30f>
  d7:	mov    0x8(%rbx),%r13
  db:	movslq %esi,%rsi
  de:	test   $0xbf,%r13b
  e2:	je     204 <__do_fast_syscall_32+0x204>
  e8:	test   $0xbb,%r13b
  ec:	jne    159 <__do_fast_syscall_32+0x159>
  ee:	testb  $0x2,0x10(%rbx)
  f2:	jne    102 <__do_fast_syscall_32+0x102>
  f4:	mov    0x730(%rbx),%rcx
  fb:	test   %rcx,%rcx
  fe:	jne    110 <__do_fast_syscall_32+0x110>
 100:	jmp    159 <__do_fast_syscall_32+0x159>
 102:	mov    0x730(%rbx),%rdx
 109:	test   %rdx,%rdx
 10c:	jne    12e <__do_fast_syscall_32+0x12e>
 10e:	jmp    159 <__do_fast_syscall_32+0x159>
 110:	mov    0x78(%rdi),%edx
 113:	and    $0xbfffffff,%edx
 119:	mov    %edx,%eax
 11b:	cmp    $0x223,%edx
 121:	ja     159 <__do_fast_syscall_32+0x159>
 123:	and    $0x3ff,%eax
 128:	bt     %rax,(%rcx)
 12c:	jmp    149 <__do_fast_syscall_32+0x149>
 12e:	mov    0x78(%rdi),%rcx
 132:	mov    %ecx,%eax
 134:	cmp    $0x1d7,%ecx
 13a:	ja     159 <__do_fast_syscall_32+0x159>
 13c:	and    $0x1ff,%eax
 141:	bt     %rax,0x80(%rdx)
 149:	jb     159 <__do_fast_syscall_32+0x159>
 14b:	movw   $0x100,0x740(%rbx)
 154:	jmp    204 <__do_fast_syscall_32+0x204>
 159:	test   $0x20,%r13b
 15d:	jne    167 <__do_fast_syscall_32+0x167>
 15f:	test   $0xc,%r13b
 163:	je     1a4 <__do_fast_syscall_32+0x1a4>
 165:	jmp    178 <__do_fast_syscall_32+0x178>
 167:	mov    %rbp,%rdi
 16a:	call   16f <__do_fast_syscall_32+0x16f>
 16f:	test   %al,%al
 171:	je     15f <__do_fast_syscall_32+0x15f>
 173:	jmp    22c <__do_fast_syscall_32+0x22c>
 178:	mov    %rbp,%rdi
 17b:	call   180 <__do_fast_syscall_32+0x180>
 180:	test   %al,%al
 182:	je     1a4 <__do_fast_syscall_32+0x1a4>
 184:	mov    $0x1,%edi
 189:	call   18e <__do_fast_syscall_32+0x18e>
 18e:	test   %eax,%eax
 190:	jne    22c <__do_fast_syscall_32+0x22c>
 196:	and    $0x8,%r13b
 19a:	jne    22c <__do_fast_syscall_32+0x22c>
 1a0:	mov    0x8(%rbx),%r13
 1a4:	test   $0x1,%r13b
 1a8:	je     1bd <__do_fast_syscall_32+0x1bd>
 1aa:	call   1af <__do_fast_syscall_32+0x1af>
 1af:	movslq %eax,%r14
 1b2:	mov    %r14,%r12
 1b5:	cmp    $0xffffffff,%r14d
 1b9:	jne    1d4 <__do_fast_syscall_32+0x1d4>
 1bb:	jmp    22c <__do_fast_syscall_32+0x22c>
 1bd:	and    $0x2,%r13b
 1c1:	movslq 0x78(%rbp),%rsi
 1c5:	je     204 <__do_fast_syscall_32+0x204>
 1c7:	mov    %rbp,%rdi
 1ca:	call   1cf <__do_fast_syscall_32+0x1cf>
 1cf:	mov    %rax,%rsi
 1d2:	jmp    204 <__do_fast_syscall_32+0x204>
 1d4:	and    $0x2,%r13b
 1d8:	movslq 0x78(%rbp),%rsi
 1dc:	je     1e9 <__do_fast_syscall_32+0x1e9>
 1de:	mov    %rbp,%rdi
 1e1:	call   1e6 <__do_fast_syscall_32+0x1e6>
 1e6:	mov    %rax,%rsi
 1e9:	test   %r14,%r14
 1ec:	je     204 <__do_fast_syscall_32+0x204>
 1ee:	mov    %r12d,%eax
 1f1:	cmp    $0x1d7,%r12d
 1f8:	jbe    20e <__do_fast_syscall_32+0x20e>
 1fa:	mov    %rbp,%rdi
 1fd:	call   202 <__do_fast_syscall_32+0x202>
 202:	jmp    222 <__do_fast_syscall_32+0x222>
 204:	mov    %esi,%eax
 206:	cmp    $0x1d7,%esi
 20c:	ja     228 <__do_fast_syscall_32+0x228>
 20e:	cmp    $0x1d8,%eax
 213:	sbb    %rdx,%rdx
 216:	and    %edx,%eax
 218:	mov    %rbp,%rdi
 21b:	mov    %eax,%esi
 21d:	call   222 <__do_fast_syscall_32+0x222>
 222:	mov    %rax,0x50(%rbp)
 226:	jmp    22c <__do_fast_syscall_32+0x22c>
 228:	inc    %esi
 22a:	jne    1fa <__do_fast_syscall_32+0x1fa>
 22c:	mov    0x8(%rbx),%r12
 230:	test   $0x76,%r12b
 234:	je     29e <__do_fast_syscall_32+0x29e>
 236:	test   $0x72,%r12b
 23a:	jne    245 <__do_fast_syscall_32+0x245>
 23c:	cmpb   $0x0,0x740(%rbx)
 243:	je     29e <__do_fast_syscall_32+0x29e>
 245:	test   $0x20,%r12b
 249:	je     25d <__do_fast_syscall_32+0x25d>
 24b:	cmpb   $0x0,0x698(%rbx)
 252:	je     25d <__do_fast_syscall_32+0x25d>
 254:	movb   $0x0,0x698(%rbx)
 25b:	jmp    29e <__do_fast_syscall_32+0x29e>
 25d:	test   $0x2,%r12b
 261:	je     26f <__do_fast_syscall_32+0x26f>
 263:	mov    0x50(%rbp),%rsi
 267:	mov    %rbp,%rdi
 26a:	call   26f <__do_fast_syscall_32+0x26f>
 26f:	test   $0x8,%r12b
 273:	jne    27b <__do_fast_syscall_32+0x27b>
 275:	test   $0x40,%r12b
 279:	jne    296 <__do_fast_syscall_32+0x296>
 27b:	and    $0x4,%r12b
 27f:	je     29e <__do_fast_syscall_32+0x29e>
 281:	cmpb   $0x0,0x740(%rbx)
 288:	je     29e <__do_fast_syscall_32+0x29e>
 28a:	mov    $0x2,%edi
 28f:	call   294 <__do_fast_syscall_32+0x294>
 294:	jmp    29e <__do_fast_syscall_32+0x29e>
 296:	mov    %rbp,%rdi
 299:	call   29e <__do_fast_syscall_32+0x29e>
 29e:	cli
 29f:	mov    (%rbx),%rsi
 2a2:	test   $0xb37,%esi
 2a8:	je     2b5 <__do_fast_syscall_32+0x2b5>
 2aa:	mov    %rbp,%rdi
 2ad:	call   2b2 <__do_fast_syscall_32+0x2b2>
 2b2:	mov    %rax,%rsi
 2b5:	mov    %rsi,%rdi
 2b8:	call   2bd <__do_fast_syscall_32+0x2bd>
 2bd:	mov    0x888(%rbx),%rax
 2c4:	test   %rax,%rax
 2c7:	je     302 <__do_fast_syscall_32+0x302>
 2c9:	mov    %rax,%rdx
 2cc:	and    $0x1,%edx
 2cf:	jne    302 <__do_fast_syscall_32+0x302>
 2d1:	lock cmpxchg %rdx,0x888(%rbx)
 2da:	jne    2c9 <__do_fast_syscall_32+0x2c9>
 2dc:	mov    0x890(%rbx),%rax
 2e3:	xor    %esi,%esi
 2e5:	mov    %rsi,0x8a8(%rbx)
 2ec:	test   %rax,%rax
 2ef:	je     302 <__do_fast_syscall_32+0x302>
 2f1:	xor    %edx,%edx
 2f3:	xor    %ecx,%ecx
 2f5:	mov    %edx,0x8(%rax)
 2f8:	mov    0x890(%rbx),%rax
 2ff:	mov    %rcx,(%rax)
 302:	xor    %eax,%eax
 304:	mov    $0x1,%ecx
 309:	mov    %eax,%edx
 30b:	nop
 30c:	nop
 30d:	mov    $0x1,%al
 30f:	pop    %rbx
 310:	pop    %rbp
 311:	pop    %r12
 313:	pop    %r13
 315:	pop    %r14
 317:	ret


// SPDX-License-Identifier: GPL-2.0
/*
 * PTRACE_SETSYSCALLMASK selftests, a fuzzer: random requests against a
 * stopped tracee, each checked against what the contract predicts:
 * success, EINVAL, EFAULT, "some error" where the contract leaves the
 * order of checks open, or "anything" where it leaves the outcome open. A
 * failed request must change nothing; a successful one must change
 * exactly what it asked for. The fuzzer keeps a model of the tracee's mask
 * and compares it with the kernel's after every request. The kernel's
 * log, read before and after, tells whether it suffered.
 */
#define _GNU_SOURCE
#include <fcntl.h>

#include "syscall_mask.h"

#define FUZZ_SEED	0x7ace5eedULL
#define SEED_ADDRS	2	/* addr 0 and 1: the seed form */
#define KERNEL_POINTER	0xffff800000001000ULL

struct fuzz_result {
	int requests, succeeded;
	char error[512];
};

enum outcome { OK, FAILS_EINVAL, FAILS_EFAULT, FAILS, ANY };

static const char *const outcome_names[] = {
	"success", "EINVAL", "EFAULT", "EINVAL or EFAULT", "anything",
};

struct fuzz {
	pid_t pid;
	const struct arena *a;
	__u64 rng;
	struct mask_state model;
	struct fuzz_result *res;
	/* the request */
	long request;
	unsigned long addr, data;
	struct ptrace_syscall_mask m;
	bool garbage_bitmap;
	char what[200];
};

static __u64 next(struct fuzz *f)
{
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 7;
	f->rng ^= f->rng << 17;
	return f->rng;
}

static __u32 pick(struct fuzz *f, __u32 n)
{
	return (__u32)(next(f) % n);
}

/* 0: native, 1: compat, -1: an ABI the kernel does not run. */
static int abi_index(__u32 arch)
{
	if (arch == 0 || arch == kabi.native->audit_arch)
		return 0;
	if (kabi.compat && arch == kabi.compat->audit_arch)
		return 1;
	return -1;
}

static __u32 table_size(struct fuzz *f, __u32 arch)
{
	int i = abi_index(arch);

	return i < 0 ? 0 : f->model.abi[i].nr_bits;
}

static __u32 gen_arch(struct fuzz *f)
{
	switch (pick(f, 8)) {
	case 0:
	case 1:
		return 0;
	case 2:
	case 3:
		return kabi.native->audit_arch;
	case 4:
		return kabi.compat ? kabi.compat->audit_arch : 0x40000003;
	case 5:
		return foreign_audit_arch();
	case 6:
		return 0x12345678;
	}
	return (__u32)next(f);
}

static __u32 gen_nr_bits(struct fuzz *f)
{
	__u32 table = f->model.abi[pick(f, f->model.nabi)].nr_bits;
	static const __u32 fixed[] = { 0, 1, 63, 64, 65, 4096, 0x80000000,
				       0xffffffff };

	switch (pick(f, 6)) {
	case 0: return fixed[pick(f, ARRAY_SIZE(fixed))];
	case 1: return table - 1 + pick(f, 3);
	case 2: return pick(f, table + 64);
	case 3: return pick(f, 8192);
	case 4: return (__u32)next(f);
	}
	return table;
}

/* A bitmap pointer; writable ones only for GET, which writes there. */
static __u64 gen_bitmap(struct fuzz *f, bool for_get)
{
	const struct arena *a = f->a;
	size_t rw = a->rw_end - a->rw;

	switch (pick(f, for_get ? 7 : 8)) {
	case 0:
	case 1:
		return (unsigned long)a->rw + 64 + pick(f, rw - 64);
	case 2:
		return (unsigned long)a->rw_end - 1 - pick(f, 128);
	case 3:
		return (unsigned long)a->ro + pick(f, a->page);
	case 4:
		return pick(f, 2) ? 0 : 8;
	case 5:
		return (unsigned long)(pick(f, 2) ? a->rw_end : a->ro_end);
	case 6:
		return KERNEL_POINTER;
	}
	f->garbage_bitmap = true;
	return next(f);
}

static void gen_struct(struct fuzz *f, bool for_get)
{
	f->m.arch = gen_arch(f);
	f->m.flags = pick(f, 10) < 5 ? 0 : pick(f, 5) < 3 ? 1 :
		     pick(f, 2) ? 2 + pick(f, 2) : (__u32)next(f) | 2;
	f->m.nr_bits = gen_nr_bits(f);
	f->m.reserved = pick(f, 10) ? 0 : (__u32)next(f) | 1;
	f->m.bitmap = gen_bitmap(f, for_get);
}

/* Places f->m at a pointer of some kind and returns it. */
static unsigned long place_struct(struct fuzz *f)
{
	const struct arena *a = f->a;
	size_t partial;

	switch (pick(f, 10)) {
	case 0:
		mprotect(a->ro, a->page, PROT_READ | PROT_WRITE);
		memcpy(a->ro, &f->m, sizeof(f->m));
		mprotect(a->ro, a->page, PROT_READ);
		return (unsigned long)a->ro;
	case 1:
		partial = 1 + pick(f, sizeof(f->m) - 1);
		memcpy(a->rw_end - partial, &f->m, partial);
		return (unsigned long)a->rw_end - partial;
	case 2:
		switch (pick(f, 4)) {
		case 0: return 0;
		case 1: return 8;
		case 2: return (unsigned long)a->rw_end;
		}
		return (unsigned long)-4096;
	}
	memcpy(a->rw, &f->m, sizeof(f->m));
	return (unsigned long)a->rw;
}

static void gen_request(struct fuzz *f)
{
	static const unsigned long odd_sizes[] = {
		2, sizeof(struct ptrace_syscall_mask) - 1,
		sizeof(struct ptrace_syscall_mask) + 1,
		sizeof(struct ptrace_syscall_mask) + 8, 8, 16, 32,
	};
	__u32 r = pick(f, 20);

	f->garbage_bitmap = false;
	memset(&f->m, 0, sizeof(f->m));
	if (r < 8) {
		f->request = PTRACE_SETSYSCALLMASK;
		gen_struct(f, false);
		f->addr = sizeof(f->m);
		if (pick(f, 5) == 0) {
			__u32 table = f->model.abi[0].nr_bits;

			f->addr = pick(f, SEED_ADDRS);
			f->data = pick(f, 3) ? pick(f, table + 8) :
				  pick(f, 2) ? (unsigned long)-1 : next(f);
			return;
		}
	} else if (r < 14) {
		f->request = PTRACE_GETSYSCALLMASK;
		gen_struct(f, true);
		f->addr = sizeof(f->m);
	} else {
		f->request = r < 17 ? PTRACE_SYSCALLWHITELIST :
				      PTRACE_SYSCALLBLACKLIST;
		f->addr = 0;
		f->data = 0;
		if (pick(f, 5) == 0)
			f->addr = pick(f, 2) ? 1 : next(f);
		if (pick(f, 5) == 0)
			f->data = pick(f, 2) ? 1 : next(f);
		return;
	}
	if (pick(f, 10) == 0)
		f->addr = pick(f, 3) ? odd_sizes[pick(f, 7)] :
			  f->request == PTRACE_GETSYSCALLMASK ? pick(f, 2) :
			  next(f);
	f->data = place_struct(f);
}

static __u64 round_up_bytes(__u64 bits)
{
	return (bits + 63) / 64 * 8;
}

/* What the bitmap pointer allows for @bits bits out of nr_bits asked. */
static enum outcome bitmap_outcome(struct fuzz *f, __u64 bits, size_t room)
{
	__u64 need_lo = (bits + 7) / 8;
	__u64 need_hi = round_up_bytes(f->request == PTRACE_GETSYSCALLMASK ?
				       bits : f->m.nr_bits);

	if (f->garbage_bitmap)
		return ANY;
	if (bits == 0)
		return room ? OK : ANY;
	if (room >= need_hi)
		return OK;
	if (room < need_lo)
		return FAILS_EFAULT;
	return ANY;
}

static enum outcome predict(struct fuzz *f)
{
	const struct arena *a = f->a;
	size_t struct_room = arena_readable(a, f->data);
	bool struct_readable = struct_room >= sizeof(f->m);
	bool get = f->request == PTRACE_GETSYSCALLMASK;
	enum outcome bm;
	__u32 table;

	if (f->request == PTRACE_SYSCALLWHITELIST ||
	    f->request == PTRACE_SYSCALLBLACKLIST)
		return f->addr || f->data ? FAILS_EINVAL : OK;
	if (!get && f->addr < SEED_ADDRS)
		return f->data < f->model.abi[0].nr_bits ? OK : FAILS_EINVAL;
	if (f->addr != sizeof(f->m))
		return struct_readable ? FAILS_EINVAL : FAILS;
	if (!struct_readable)
		return FAILS_EFAULT;
	table = table_size(f, f->m.arch);
	if (!table || f->m.flags & ~PTRACE_SYSCALLMASK_NOEXIT || f->m.reserved)
		return FAILS;	/* EINVAL, unless the bitmap is read first */
	bm = bitmap_outcome(f, f->m.nr_bits < table ? f->m.nr_bits : table,
			    get ? arena_writable(a, f->m.bitmap) :
				  arena_readable(a, f->m.bitmap));
	if (get && arena_writable(a, f->data) < sizeof(f->m))
		return FAILS_EFAULT;	/* nr_bits cannot be written back */
	return bm;
}

static void describe(struct fuzz *f)
{
	snprintf(f->what, sizeof(f->what),
		 "request %#lx addr %#lx data %#lx {arch %#x flags %#x nr_bits %u reserved %#x bitmap %#llx}",
		 f->request, f->addr, f->data, f->m.arch, f->m.flags,
		 f->m.nr_bits, f->m.reserved, (unsigned long long)f->m.bitmap);
}

static int fail(struct fuzz *f, const char *fmt, ...)
{
	struct fuzz_result *res = f->res;
	size_t len;
	va_list ap;

	describe(f);
	len = snprintf(res->error, sizeof(res->error), "request #%d, %s: ",
		       res->requests, f->what);
	va_start(ap, fmt);
	if (len < sizeof(res->error))
		vsnprintf(res->error + len, sizeof(res->error) - len, fmt, ap);
	va_end(ap);
	return -1;
}

static void read_bits(__u64 ptr, __u64 bits, struct list *l)
{
	memset(l, 0, sizeof(*l));
	memcpy(l->w, (const void *)(unsigned long)ptr, (bits + 7) / 8);
	for (__u64 bit = bits; bit < LIST_BITS; bit++)
		l->w[bit / 64] &= ~(1ULL << (bit % 64));
}

/* The model after a successful request whose outcome was predicted. */
static void apply(struct fuzz *f)
{
	struct mask_state *s = &f->model;
	int i;
	__u32 table;

	if (f->request == PTRACE_SYSCALLWHITELIST) {
		s->mode = MODE_WHITELIST;
	} else if (f->request == PTRACE_SYSCALLBLACKLIST) {
		s->mode = MODE_BLACKLIST;
	} else if (f->addr < SEED_ADDRS) {
		__u64 *w = &s->abi[0].lists[0].w[f->data / 64];

		if (f->addr)
			*w |= 1ULL << (f->data % 64);
		else
			*w &= ~(1ULL << (f->data % 64));
	} else {
		i = abi_index(f->m.arch);
		table = s->abi[i].nr_bits;
		read_bits(f->m.bitmap, f->m.nr_bits < table ? f->m.nr_bits :
			  table, &s->abi[i].lists[f->m.flags]);
	}
}

/* A successful predicted GET wrote the model's bits and nothing more. */
static int check_get(struct fuzz *f, long ret, const __u8 *before,
		     size_t saved)
{
	const struct ptrace_syscall_mask *m = (const void *)(unsigned long)f->data;
	int i = abi_index(f->m.arch);
	__u32 table = f->model.abi[i].nr_bits;
	__u64 bits = f->m.nr_bits < table ? f->m.nr_bits : table;
	size_t room = arena_writable(f->a, f->m.bitmap);
	__u64 tail = round_up_bytes(bits);
	const __u8 *p = (const void *)(unsigned long)f->m.bitmap;
	struct list got, want;

	if (ret != f->model.mode)
		return fail(f, "returned %ld, mode is %d", ret, f->model.mode);
	if (m->nr_bits != table)
		return fail(f, "nr_bits %u, table has %u", m->nr_bits, table);
	if (!bits)
		return 0;
	read_bits(f->m.bitmap, bits, &got);
	read_bits((unsigned long)f->model.abi[i].lists[f->m.flags].w, bits,
		  &want);
	if (memcmp(&got, &want, sizeof(got)))
		return fail(f, "bits differ from the list");
	for (__u64 k = tail; k < tail + 64 && k < room && k < saved; k++)
		if (p[k] != before[k])
			return fail(f, "byte %llu past the bits written",
				    (unsigned long long)k);
	return 0;
}

static int one_request(struct fuzz *f)
{
	enum outcome want;
	struct mask_state now;
	__u8 before[LIST_BITS / 8 + 64];
	bool checks_get = false;
	long ret;
	int err, got;

	gen_request(f);
	want = predict(f);
	if (f->request == PTRACE_GETSYSCALLMASK && want == OK &&
	    f->m.bitmap) {
		size_t room = arena_writable(f->a, f->m.bitmap);

		checks_get = true;
		memset(before, 0, sizeof(before));
		memcpy(before, (void *)(unsigned long)f->m.bitmap,
		       room < sizeof(before) ? room : sizeof(before));
	}
	errno = 0;
	ret = sys_ptrace(f->request, f->pid, f->addr, f->data);
	err = errno;
	if (ret >= 0)
		f->res->succeeded++;
	if ((want == OK && ret < 0) ||
	    (want == FAILS_EINVAL && (ret >= 0 || err != EINVAL)) ||
	    (want == FAILS_EFAULT && (ret >= 0 || err != EFAULT)) ||
	    ((want == FAILS || want == ANY) && ret < 0 &&
	     err != EINVAL && err != EFAULT) ||
	    (want == FAILS && ret >= 0))
		return fail(f, "expected %s, got %ld (%s)", outcome_names[want],
			    ret, ret < 0 ? strerror(err) : "success");
	if (checks_get && check_get(f, ret, before, sizeof(before)))
		return -1;

	got = mask_snapshot(f->pid, &now);
	if (got < 0)
		return fail(f, "then GETSYSCALLMASK failed: %s", strerror(-got));
	if (ret >= 0 && f->request != PTRACE_GETSYSCALLMASK) {
		if (want != OK) {
			f->model = now;	/* the contract left it open */
			return 0;
		}
		apply(f);
	}
	if (!mask_state_equal(&now, &f->model)) {
		char want_s[300], got_s[300];

		mask_state_describe(&f->model, want_s, sizeof(want_s));
		mask_state_describe(&now, got_s, sizeof(got_s));
		return fail(f, "returned %ld (%s), mask should be: %s; is: %s",
			    ret, ret < 0 ? strerror(err) : "success",
			    want_s, got_s);
	}
	return 0;
}

static int fuzz_requests(pid_t pid, const struct arena *a, __u64 seed,
			 int count, struct fuzz_result *res)
{
	struct fuzz f = { .pid = pid, .a = a, .rng = seed | 1, .res = res };
	int err;

	memset(res, 0, sizeof(*res));
	err = mask_snapshot(pid, &f.model);
	if (err < 0) {
		snprintf(res->error, sizeof(res->error),
			 "GETSYSCALLMASK: %s", strerror(-err));
		return -1;
	}
	for (res->requests = 0; res->requests < count; res->requests++) {
		if (pick(&f, 8) == 0)
			for (char *p = a->rw + 64; p < a->rw_end; p += 8) {
				__u64 v = next(&f);

				memcpy(p, &v, sizeof(v));
			}
		if (one_request(&f))
			return -1;
	}
	return 0;
}

/* /dev/kmsg from its end; -1 with errno when it cannot be read. */
static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* New kernel log lines that tell of a kernel bug; the first in @first. */
static int kmsg_bad_lines(int fd, char *first, size_t size)
{
	static const char *const words[] = {
		"BUG", "WARNING", "Oops", "KASAN", "UBSAN",
	};
	char record[8192];
	int bad = 0;

	for (;;) {
		ssize_t n = read(fd, record, sizeof(record) - 1);
		char *text;

		if (n < 0 && errno == EPIPE)
			continue;	/* records overwritten meanwhile */
		if (n <= 0)
			break;
		record[n] = '\0';
		text = strchr(record, ';');
		text = text ? text + 1 : record;
		for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
			if (!strstr(text, words[i]))
				continue;
			if (!bad++)
				snprintf(first, size, "%.400s", text);
			break;
		}
	}
	return bad;
}

/*
 * At least 10,000 random requests (SYSCALL_MASK_FUZZ_COUNT for more), and
 * a tracee the requests never name, whose mask must not change.
 */
TEST_F_TIMEOUT(mask, fuzz, 600)
{
	const char *env = getenv("SYSCALL_MASK_FUZZ_SEED");
	const char *count_env = getenv("SYSCALL_MASK_FUZZ_COUNT");
	__u64 seed = env ? strtoull(env, NULL, 0) : FUZZ_SEED;
	int count = count_env ? atoi(count_env) : 10000;
	struct mask_state bystander_before, bystander_after;
	struct fuzz_result res;
	const struct trace *t;
	char line[512] = "";
	int kmsg, kmsg_errno, bad;
	pid_t bystander;

	if (mask_absent(_metadata, self->probe_errno))
		SKIP(return, NO_MASK);
	bystander = spawn(_metadata, self, SPAWN_TRACEME);
	set_some_mask(_metadata, bystander);
	ASSERT_EQ(0, mask_snapshot(bystander, &bystander_before));
	standard_script(self->sh);
	table_bits(_metadata, self->tracee, 0);
	if (kabi.compat)
		table_bits(_metadata, self->tracee, kabi.compat->audit_arch);
	TH_LOG("seed %#llx (SYSCALL_MASK_FUZZ_SEED), %d requests",
	       (unsigned long long)seed, count);
	kmsg = kmsg_open();
	kmsg_errno = errno;
	ASSERT_EQ(0, fuzz_requests(self->tracee, &self->arena, seed, count,
				   &res)) {
		TH_LOG("%s", res.error);
	}
	TH_LOG("%d of %d requests succeeded", res.succeeded, res.requests);
	ASSERT_EQ(0, mask_snapshot(bystander, &bystander_after));
	EXPECT_TRUE(mask_state_equal(&bystander_before, &bystander_after)) {
		TH_LOG("the requests changed the mask of a tracee they never named");
	}

	/* Whatever mask the fuzzer left, the tracee runs to its end. */
	t = run(_metadata, self, self->tracee, PTRACE_SYSCALL, NULL, NULL);
	for (int i = 0; i < t->nstops; i++) {
		EXPECT_NE(NR_UNPAIRED, t->stops[i].nr) {
			TH_LOG("an exit stop without its entry stop");
		}
	}
	EXPECT_EQ(getpid(), self->sh->results[0]);

	if (kmsg < 0) {
		TH_LOG("/dev/kmsg unreadable (%s): kernel log not checked",
		       strerror(kmsg_errno));
		return;
	}
	bad = kmsg_bad_lines(kmsg, line, sizeof(line));
	close(kmsg);
	EXPECT_EQ(0, bad) {
		TH_LOG("%d new kernel log lines like: %s", bad, line);
	}
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * Names of constants and flags, written once for every ABI: the values
 * are the kernel's, which only differ between architectures for a few
 * open flags (those come from the headers of the architecture stracy is
 * built for, whose compat ABIs share them). Flags print in strace's order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "stracy.h"

#define X(v)	{ (unsigned long)(v), #v }

/*
 * The kernel's O_LARGEFILE (glibc's is 0 on 64-bit builds): 32-bit
 * tracees pass it.
 */
#if defined(__x86_64__) || defined(__i386__)
# define KERNEL_O_LARGEFILE	0100000
#else
# define KERNEL_O_LARGEFILE	0400000
#endif

const struct xlat open_access[] = {
	X(O_RDONLY), X(O_WRONLY), X(O_RDWR), XLAT_END
};

const struct xlat open_flags[] = {
	X(O_CREAT), X(O_EXCL), X(O_NOCTTY), X(O_TRUNC), X(O_APPEND),
	X(O_NONBLOCK), X(O_SYNC), X(O_DSYNC), X(O_DIRECT),
	{ KERNEL_O_LARGEFILE, "O_LARGEFILE" }, X(O_NOFOLLOW), X(O_NOATIME),
	X(O_CLOEXEC), X(O_PATH), X(O_TMPFILE), X(O_DIRECTORY), X(FASYNC),
	XLAT_END
};

const struct xlat at_flags[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR), X(AT_SYMLINK_FOLLOW),
	X(AT_NO_AUTOMOUNT), X(AT_EMPTY_PATH), X(AT_STATX_FORCE_SYNC),
	X(AT_STATX_DONT_SYNC), X(AT_RECURSIVE), XLAT_END
};
const struct xlat faccessat_flags[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_EACCESS), X(AT_EMPTY_PATH), XLAT_END
};
const struct xlat unlink_flags[] = { X(AT_REMOVEDIR), XLAT_END };

#include <sys/mman.h>
const struct xlat mmap_prot[] = {
	X(PROT_NONE), X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), { 0x8, "PROT_SEM" },
	X(PROT_GROWSDOWN), X(PROT_GROWSUP), XLAT_END
};
const struct xlat mmap_flags[] = {
	X(MAP_SHARED), X(MAP_PRIVATE), X(MAP_SHARED_VALIDATE), X(MAP_FIXED),
	X(MAP_ANONYMOUS),
#ifdef MAP_32BIT
	X(MAP_32BIT),
#endif
	X(MAP_GROWSDOWN), X(MAP_DENYWRITE), X(MAP_EXECUTABLE), X(MAP_LOCKED),
	X(MAP_NORESERVE), X(MAP_POPULATE), X(MAP_NONBLOCK), X(MAP_STACK),
	X(MAP_HUGETLB), X(MAP_SYNC), X(MAP_FIXED_NOREPLACE), XLAT_END
};
const struct xlat mremap_flags[] = {
	X(MREMAP_MAYMOVE), X(MREMAP_FIXED), X(MREMAP_DONTUNMAP), XLAT_END
};
const struct xlat madvise_advice[] = {
	X(MADV_NORMAL), X(MADV_RANDOM), X(MADV_SEQUENTIAL), X(MADV_WILLNEED),
	X(MADV_DONTNEED), X(MADV_FREE), X(MADV_REMOVE), X(MADV_DONTFORK),
	X(MADV_DOFORK), X(MADV_MERGEABLE), X(MADV_UNMERGEABLE),
	X(MADV_HUGEPAGE), X(MADV_NOHUGEPAGE), X(MADV_DONTDUMP),
	X(MADV_DODUMP), X(MADV_WIPEONFORK), X(MADV_KEEPONFORK),
	X(MADV_COLD), X(MADV_PAGEOUT), X(MADV_HWPOISON), XLAT_END
};
const struct xlat mlockall_flags[] = {
	X(MCL_CURRENT), X(MCL_FUTURE), X(MCL_ONFAULT), XLAT_END
};

#include <unistd.h>
const struct xlat access_modes[] = {
	X(R_OK), X(W_OK), X(X_OK), XLAT_END
};
const struct xlat whence[] = {
	X(SEEK_SET), X(SEEK_CUR), X(SEEK_END), X(SEEK_DATA), X(SEEK_HOLE),
	XLAT_END
};
const struct xlat sig_how[] = {
	X(SIG_BLOCK), X(SIG_UNBLOCK), X(SIG_SETMASK), XLAT_END
};

#include <sched.h>
#include <linux/sched.h>
const struct xlat clone_flags[] = {
	X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND),
	X(CLONE_PIDFD), X(CLONE_PTRACE), X(CLONE_VFORK), X(CLONE_PARENT),
	X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM), X(CLONE_SETTLS),
	X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID), X(CLONE_DETACHED),
	X(CLONE_UNTRACED), X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP),
	X(CLONE_NEWUTS), X(CLONE_NEWIPC), X(CLONE_NEWUSER), X(CLONE_NEWPID),
	X(CLONE_NEWNET), X(CLONE_IO), XLAT_END
};

#include <sys/wait.h>
const struct xlat wait_options[] = {
	X(WNOHANG), X(WUNTRACED), X(WEXITED), X(WCONTINUED), X(WNOWAIT),
	X(__WNOTHREAD), X(__WALL), X(__WCLONE), XLAT_END
};

#include <sys/socket.h>
#include <netinet/in.h>
const struct xlat socket_families[] = {
	X(AF_UNSPEC), X(AF_UNIX), X(AF_INET), X(AF_AX25), X(AF_IPX),
	X(AF_APPLETALK), X(AF_NETROM), X(AF_BRIDGE), X(AF_ATMPVC), X(AF_X25),
	X(AF_INET6), X(AF_ROSE), X(AF_DECnet), X(AF_NETBEUI), X(AF_SECURITY),
	X(AF_KEY), X(AF_NETLINK), X(AF_PACKET), X(AF_ASH), X(AF_ECONET),
	X(AF_ATMSVC), X(AF_RDS), X(AF_SNA), X(AF_IRDA), X(AF_PPPOX),
	X(AF_WANPIPE), X(AF_LLC), X(AF_IB), X(AF_MPLS), X(AF_CAN),
	X(AF_TIPC), X(AF_BLUETOOTH), X(AF_IUCV), X(AF_RXRPC), X(AF_ISDN),
	X(AF_PHONET), X(AF_IEEE802154), X(AF_CAIF), X(AF_ALG), X(AF_NFC),
	X(AF_VSOCK), X(AF_KCM), X(AF_QIPCRTR), X(AF_SMC), X(AF_XDP),
	XLAT_END
};
const struct xlat socket_types[] = {
	X(SOCK_STREAM), X(SOCK_DGRAM), X(SOCK_RAW), X(SOCK_RDM),
	X(SOCK_SEQPACKET), X(SOCK_DCCP), X(SOCK_PACKET), XLAT_END
};
const struct xlat socket_type_flags[] = {
	X(SOCK_CLOEXEC), X(SOCK_NONBLOCK), XLAT_END
};
const struct xlat ipprotos[] = {
	X(IPPROTO_IP), X(IPPROTO_ICMP), X(IPPROTO_IGMP), X(IPPROTO_IPIP),
	X(IPPROTO_TCP), X(IPPROTO_EGP), X(IPPROTO_PUP), X(IPPROTO_UDP),
	X(IPPROTO_IDP), X(IPPROTO_TP), X(IPPROTO_DCCP), X(IPPROTO_IPV6),
	X(IPPROTO_RSVP), X(IPPROTO_GRE), X(IPPROTO_ESP), X(IPPROTO_AH),
	X(IPPROTO_ICMPV6), X(IPPROTO_MTP), X(IPPROTO_BEETPH),
	X(IPPROTO_ENCAP), X(IPPROTO_PIM), X(IPPROTO_COMP), X(IPPROTO_SCTP),
	X(IPPROTO_UDPLITE), X(IPPROTO_MPLS), X(IPPROTO_RAW), XLAT_END
};
const struct xlat msg_flags[] = {
	X(MSG_OOB), X(MSG_PEEK), X(MSG_DONTROUTE), X(MSG_CTRUNC),
	X(MSG_PROXY), X(MSG_TRUNC), X(MSG_DONTWAIT), X(MSG_EOR),
	X(MSG_WAITALL), X(MSG_FIN), X(MSG_SYN), X(MSG_CONFIRM), X(MSG_RST),
	X(MSG_ERRQUEUE), X(MSG_NOSIGNAL), X(MSG_MORE), X(MSG_WAITFORONE),
	X(MSG_BATCH), X(MSG_ZEROCOPY), X(MSG_FASTOPEN),
	X(MSG_CMSG_CLOEXEC), XLAT_END
};
const struct xlat shutdown_hows[] = {
	X(SHUT_RD), X(SHUT_WR), X(SHUT_RDWR), XLAT_END
};
const struct xlat sock_levels[] = {
	X(SOL_IP), { 6, "SOL_TCP" }, { 17, "SOL_UDP" }, X(SOL_IPV6), X(SOL_ICMPV6),
	X(SOL_RAW), X(SOL_PACKET), X(SOL_SOCKET), XLAT_END
};
const struct xlat sock_options[] = {
	X(SO_DEBUG), X(SO_REUSEADDR), X(SO_TYPE), X(SO_ERROR),
	X(SO_DONTROUTE), X(SO_BROADCAST), X(SO_SNDBUF), X(SO_RCVBUF),
	X(SO_KEEPALIVE), X(SO_OOBINLINE), X(SO_NO_CHECK), X(SO_PRIORITY),
	X(SO_LINGER), X(SO_BSDCOMPAT), X(SO_REUSEPORT), X(SO_PASSCRED),
	X(SO_PEERCRED), X(SO_RCVLOWAT), X(SO_SNDLOWAT), X(SO_RCVTIMEO_OLD),
	X(SO_SNDTIMEO_OLD), X(SO_ACCEPTCONN), X(SO_PROTOCOL), X(SO_DOMAIN),
	XLAT_END
};

#include <poll.h>
const struct xlat poll_events[] = {
	X(POLLIN), X(POLLPRI), X(POLLOUT), X(POLLERR), X(POLLHUP),
	X(POLLNVAL), X(POLLRDNORM), X(POLLRDBAND), X(POLLWRNORM),
	X(POLLWRBAND), X(POLLMSG), X(POLLREMOVE), X(POLLRDHUP), XLAT_END
};

#include <linux/futex.h>
const struct xlat futex_ops[] = {
	X(FUTEX_WAIT), X(FUTEX_WAKE), X(FUTEX_FD), X(FUTEX_REQUEUE),
	X(FUTEX_CMP_REQUEUE), X(FUTEX_WAKE_OP), X(FUTEX_LOCK_PI),
	X(FUTEX_UNLOCK_PI), X(FUTEX_TRYLOCK_PI), X(FUTEX_WAIT_BITSET),
	X(FUTEX_WAKE_BITSET), X(FUTEX_WAIT_REQUEUE_PI),
	X(FUTEX_CMP_REQUEUE_PI), X(FUTEX_LOCK_PI2), XLAT_END
};

#include <sys/resource.h>
const struct xlat rlimit_resources[] = {
	X(RLIMIT_CPU), X(RLIMIT_FSIZE), X(RLIMIT_DATA), X(RLIMIT_STACK),
	X(RLIMIT_CORE), X(RLIMIT_RSS), X(RLIMIT_NPROC), X(RLIMIT_NOFILE),
	X(RLIMIT_MEMLOCK), X(RLIMIT_AS), X(RLIMIT_LOCKS), X(RLIMIT_SIGPENDING),
	X(RLIMIT_MSGQUEUE), X(RLIMIT_NICE), X(RLIMIT_RTPRIO),
	X(RLIMIT_RTTIME), XLAT_END
};
const struct xlat resource_who[] = {
	X(RUSAGE_SELF), X(RUSAGE_CHILDREN), X(RUSAGE_THREAD), XLAT_END
};

/* arch_prctl is x86-only: its codes are written out. */
const struct xlat arch_prctl_codes[] = {
	{ 0x1001, "ARCH_SET_GS" }, { 0x1002, "ARCH_SET_FS" },
	{ 0x1003, "ARCH_GET_FS" }, { 0x1004, "ARCH_GET_GS" },
	{ 0x1011, "ARCH_GET_CPUID" }, { 0x1012, "ARCH_SET_CPUID" },
	{ 0x1021, "ARCH_GET_XCOMP_SUPP" }, { 0x1022, "ARCH_GET_XCOMP_PERM" },
	{ 0x1023, "ARCH_REQ_XCOMP_PERM" }, { 0x2001, "ARCH_MAP_VDSO_X32" },
	{ 0x2002, "ARCH_MAP_VDSO_32" }, { 0x2003, "ARCH_MAP_VDSO_64" },
	{ 0x3001, "ARCH_CET_STATUS" }, XLAT_END
};

#include <sys/random.h>
const struct xlat getrandom_flags[] = {
	X(GRND_NONBLOCK), X(GRND_RANDOM), X(GRND_INSECURE), XLAT_END
};

const struct xlat fcntl_cmds[] = {
	X(F_DUPFD), X(F_GETFD), X(F_SETFD), X(F_GETFL), X(F_SETFL),
	X(F_GETLK), X(F_SETLK), X(F_SETLKW), X(F_SETOWN), X(F_GETOWN),
	X(F_SETSIG), X(F_GETSIG), X(F_SETOWN_EX), X(F_GETOWN_EX),
	X(F_OFD_GETLK), X(F_OFD_SETLK), X(F_OFD_SETLKW), X(F_SETLEASE),
	X(F_GETLEASE), X(F_NOTIFY), X(F_DUPFD_CLOEXEC), X(F_SETPIPE_SZ),
	X(F_GETPIPE_SZ), X(F_ADD_SEALS), X(F_GET_SEALS), XLAT_END
};
const struct xlat fd_flags[] = { X(FD_CLOEXEC), XLAT_END };

/* In strace's order, which its flags are printed in. */
const struct xlat sa_flags[] = {
	{ 0x04000000, "SA_RESTORER" }, X(SA_ONSTACK), X(SA_RESTART),
	X(SA_NODEFER), X(SA_RESETHAND), X(SA_SIGINFO), X(SA_NOCLDSTOP),
	X(SA_NOCLDWAIT), XLAT_END
};

#include <linux/sockios.h>
#include <termios.h>
#include <sys/ioctl.h>
const struct xlat ioctl_requests[] = {
	/* strace names the three after OSS's timer requests too. */
	X(TCGETS), { TCSETS, "SNDCTL_TMR_START or TCSETS" },
	{ TCSETSW, "SNDCTL_TMR_STOP or TCSETSW" },
	{ TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF" }, X(TCGETA), X(TCSETA),
	X(TCSETAW), X(TCSETAF), X(TCSBRK), X(TCXONC), X(TCFLSH), X(TIOCEXCL),
	X(TIOCNXCL), X(TIOCSCTTY), X(TIOCGPGRP), X(TIOCSPGRP), X(TIOCOUTQ),
	X(TIOCSTI), X(TIOCGWINSZ), X(TIOCSWINSZ), X(TIOCMGET), X(TIOCMSET),
	X(FIONREAD), X(TIOCLINUX), X(TIOCCONS), X(FIONBIO), X(TIOCNOTTY),
	X(TIOCGPTN), X(TIOCSPTLCK), X(TIOCGSID), X(TIOCGPTPEER), X(FIONCLEX), X(FIOCLEX),
	X(FIOASYNC), X(SIOCGIFCONF), X(SIOCGIFFLAGS), X(SIOCGIFINDEX),
	X(SIOCGIFNAME), X(SIOCGIFADDR), X(SIOCGIFHWADDR), X(SIOCGIFMTU),
	/* cp tries it first: strace names it after btrfs's twin too. */
	{ 0x40049409, "BTRFS_IOC_CLONE or FICLONE" },
	XLAT_END
};

#include <time.h>
const struct xlat clock_ids[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID),
	X(CLOCK_THREAD_CPUTIME_ID), X(CLOCK_MONOTONIC_RAW),
	X(CLOCK_REALTIME_COARSE), X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME),
	X(CLOCK_REALTIME_ALARM), X(CLOCK_BOOTTIME_ALARM), X(CLOCK_TAI),
	XLAT_END
};
const struct xlat timer_flags[] = { X(TIMER_ABSTIME), XLAT_END };

#include <sys/prctl.h>
const struct xlat prctl_options[] = {
	X(PR_SET_PDEATHSIG), X(PR_GET_PDEATHSIG), X(PR_GET_DUMPABLE),
	X(PR_SET_DUMPABLE), X(PR_GET_KEEPCAPS), X(PR_SET_KEEPCAPS),
	X(PR_SET_NAME), X(PR_GET_NAME), X(PR_GET_SECCOMP), X(PR_SET_SECCOMP),
	X(PR_CAPBSET_READ), X(PR_CAPBSET_DROP), X(PR_GET_TIMERSLACK),
	X(PR_SET_TIMERSLACK), X(PR_SET_MM), X(PR_SET_PTRACER),
	X(PR_SET_CHILD_SUBREAPER), X(PR_GET_CHILD_SUBREAPER),
	X(PR_SET_NO_NEW_PRIVS), X(PR_GET_NO_NEW_PRIVS), X(PR_GET_TID_ADDRESS),
	X(PR_SET_THP_DISABLE), X(PR_GET_THP_DISABLE), X(PR_CAP_AMBIENT),
	X(PR_SET_VMA), XLAT_END
};

#include <sys/epoll.h>
const struct xlat epoll_ctl_ops[] = {
	X(EPOLL_CTL_ADD), X(EPOLL_CTL_DEL), X(EPOLL_CTL_MOD), XLAT_END
};

#include <linux/stat.h>
const struct xlat statx_masks[] = {
	/* As strace's table: the widest combinations first. */
	{ 0xfff, "STATX_ALL" }, X(STATX_BASIC_STATS), X(STATX_TYPE), X(STATX_MODE), X(STATX_NLINK), X(STATX_UID),
	X(STATX_GID), X(STATX_ATIME), X(STATX_MTIME), X(STATX_CTIME),
	X(STATX_INO), X(STATX_SIZE), X(STATX_BLOCKS), X(STATX_BTIME),
	X(STATX_MNT_ID), X(STATX_DIOALIGN), XLAT_END
};
const struct xlat statx_flags[] = {
	X(AT_STATX_SYNC_AS_STAT), X(AT_SYMLINK_NOFOLLOW), X(AT_NO_AUTOMOUNT), X(AT_EMPTY_PATH),
	X(AT_STATX_FORCE_SYNC), X(AT_STATX_DONT_SYNC), XLAT_END
};

#include <sys/eventfd.h>
const struct xlat eventfd_flags[] = {
	X(EFD_SEMAPHORE), X(EFD_NONBLOCK), X(EFD_CLOEXEC), XLAT_END
};
const struct xlat pipe_flags[] = {
	X(O_NONBLOCK), X(O_DIRECT), X(O_CLOEXEC), XLAT_END
};
const struct xlat dup3_flags[] = { X(O_CLOEXEC), XLAT_END };
const struct xlat inotify_flags[] = { X(O_NONBLOCK), X(O_CLOEXEC), XLAT_END };
const struct xlat rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" },
	{ 4, "RENAME_WHITEOUT" }, XLAT_END
};
const struct xlat fadvise_advice[] = {
	X(POSIX_FADV_NORMAL), X(POSIX_FADV_RANDOM), X(POSIX_FADV_SEQUENTIAL),
	X(POSIX_FADV_WILLNEED), X(POSIX_FADV_DONTNEED), X(POSIX_FADV_NOREUSE),
	XLAT_END
};
const struct xlat close_range_flags[] = {
	{ 2, "CLOSE_RANGE_UNSHARE" }, { 4, "CLOSE_RANGE_CLOEXEC" }, XLAT_END
};
const struct xlat rseq_flags[] = { { 1, "RSEQ_FLAG_UNREGISTER" }, XLAT_END };

const struct xlat fs_magics[] = {
	{ 0x1cd1, "DEVPTS_SUPER_MAGIC" }, { 0x6969, "NFS_SUPER_MAGIC" },
	{ 0x9fa0, "PROC_SUPER_MAGIC" }, { 0xef53, "EXT2_SUPER_MAGIC" },
	{ 0x01021994, "TMPFS_MAGIC" }, { 0x01021997, "V9FS_MAGIC" },
	{ 0x27e0eb, "CGROUP_SUPER_MAGIC" }, { 0x58465342, "XFS_SUPER_MAGIC" },
	{ 0x62656572, "SYSFS_MAGIC" }, { 0x63677270, "CGROUP2_SUPER_MAGIC" },
	{ 0x65735546, "FUSE_SUPER_MAGIC" }, { 0x73717368, "SQUASHFS_MAGIC" },
	{ 0x794c7630, "OVERLAYFS_SUPER_MAGIC" }, { 0x858458f6, "RAMFS_MAGIC" },
	{ 0x9123683e, "BTRFS_SUPER_MAGIC" }, { 0x64626720, "DEBUGFS_MAGIC" },
	{ 0x73636673, "SECURITYFS_MAGIC" }, { 0xf97cff8c, "SELINUX_MAGIC" },
	{ 0x19800202, "MQUEUE_MAGIC" }, { 0x50495045, "PIPEFS_MAGIC" },
	{ 0x534f434b, "SOCKFS_MAGIC" }, { 0x42494e4d, "BINFMTFS_MAGIC" },
	{ 0x958458f6, "HUGETLBFS_MAGIC" }, { 0x4d44, "MSDOS_SUPER_MAGIC" },
	XLAT_END
};
const struct xlat statfs_flags[] = {
	{ 0x1, "ST_RDONLY" }, { 0x2, "ST_NOSUID" }, { 0x4, "ST_NODEV" },
	{ 0x8, "ST_NOEXEC" }, { 0x10, "ST_SYNCHRONOUS" }, { 0x20, "ST_VALID" },
	{ 0x40, "ST_MANDLOCK" }, { 0x400, "ST_NOATIME" },
	{ 0x800, "ST_NODIRATIME" }, { 0x1000, "ST_RELATIME" },
	{ 0x2000, "ST_NOSYMFOLLOW" }, XLAT_END
};

/* struct termios, in strace's order: delay fields first, then flags. */
const struct xlat termios_iflags[] = {
	X(IGNBRK), X(BRKINT), X(IGNPAR), X(PARMRK), X(INPCK), X(ISTRIP),
	X(INLCR), X(IGNCR), X(ICRNL), X(IUCLC), X(IXON), X(IXANY), X(IXOFF),
	X(IMAXBEL), X(IUTF8), XLAT_END
};
const struct xlat termios_oflags[] = {
	X(OPOST), X(OLCUC), X(ONLCR), X(OCRNL), X(ONOCR), X(ONLRET),
	X(OFILL), X(OFDEL), XLAT_END
};
const struct xlat termios_cflags[] = {
	X(CSTOPB), X(CREAD), X(PARENB), X(PARODD), X(HUPCL), X(CLOCAL),
	X(CRTSCTS), XLAT_END
};
const struct xlat termios_lflags[] = {
	X(ISIG), X(ICANON), X(XCASE), X(ECHO), X(ECHOE), X(ECHOK),
	X(ECHONL), X(NOFLSH), X(IEXTEN), X(ECHOCTL), X(ECHOPRT), X(ECHOKE),
	X(FLUSHO), X(PENDIN), X(TOSTOP), X(EXTPROC), XLAT_END
};
const struct xlat baud_rates[] = {
	X(B0), X(B50), X(B75), X(B110), X(B134), X(B150), X(B200), X(B300),
	X(B600), X(B1200), X(B1800), X(B2400), X(B4800), X(B9600), X(B19200),
	X(B38400), X(B57600), X(B115200), X(B230400), X(B460800), X(B500000),
	X(B576000), X(B921600), X(B1000000), X(B1152000), X(B1500000),
	X(B2000000), X(B2500000), X(B3000000), X(B3500000), X(B4000000),
	XLAT_END
};

const char *xlat_name(const struct xlat *x, unsigned long value)
{
	for (; x->name; x++)
		if (x->value == value)
			return x->name;
	return NULL;
}

bool xlat_begin(enum xlat_format format, uint64_t value)
{
	if (opt.xlat_style == XLAT_ABBREV)
		return true;
	switch (format) {
	case XLAT_HEX: out_printf("%#" PRIx64, value); break;
	case XLAT_DEC: out_printf("%" PRId64, (int64_t)value); break;
	case XLAT_UDEC: out_printf("%" PRIu64, value); break;
	case XLAT_OCT: out_printf("%#" PRIo64, value); break;
	}
	if (opt.xlat_style == XLAT_RAW)
		return false;
	out_puts(" /* ");
	return true;
}

void xlat_end(void)
{
	if (opt.xlat_style == XLAT_VERBOSE)
		out_puts(" */");
}

void print_const(enum xlat_format format, uint64_t value, const char *name)
{
	if (xlat_begin(format, value)) {
		out_puts(name);
		xlat_end();
	}
}

void print_xval(const struct xlat *x, unsigned long value, const char *dflt)
{
	const char *name = xlat_name(x, value);

	if (name)
		print_const(XLAT_HEX, value, name);
	else if (dflt)
		out_printf("%#lx /* %s */", value, dflt);
	else
		out_printf("%#lx", value);
}

void print_flags(const struct xlat *x, unsigned long value, const char *dflt)
{
	const struct xlat *f;
	bool named = !value && xlat_name(x, 0);

	for (f = x; value && f->name && !named; f++)
		named = f->value && (value & f->value) == f->value;
	/* A number that no name is part of is only a number, in any style. */
	if (!named) {
		print_flag_names(x, value, dflt);
	} else if (xlat_begin(XLAT_HEX, value)) {
		print_flag_names(x, value, dflt);
		xlat_end();
	}
}

void print_flag_names(const struct xlat *x, unsigned long value,
		      const char *dflt)
{
	bool any = false;

	if (!value) {
		/* A flag whose value is 0 names the empty set. */
		out_puts(xlat_name(x, 0) ? xlat_name(x, 0) : "0");
		return;
	}
	for (; x->name; x++) {
		if (!x->value || (value & x->value) != x->value)
			continue;
		out_printf("%s%s", any ? "|" : "", x->name);
		value &= ~x->value;
		any = true;
	}
	if (value)
		out_printf("%s%#lx", any ? "|" : "", value);
	if (!any && dflt)
		out_printf(" /* %s */", dflt);
}

/* The kernel's restart codes, which a tracer sees and a program does not. */
static const struct {
	int err;
	const char *name, *text;
} restart_errors[] = {
	{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
	{ 513, "ERESTARTNOINTR", "To be restarted" },
	{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
	{ 515, "ENOIOCTLCMD", "No ioctl command" },
	{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
	{ 517, "EPROBE_DEFER", "Driver probe deferral" },
	{ 518, "EOPENSTALE", "Open stale" },
	{ 521, "EBADHANDLE", "Bad handle" },
	{ 524, "ENOTSUPP", "Operation not supported" },
};

const char *errno_name(int err)
{
	unsigned int i;

	for (i = 0; i < sizeof(restart_errors) / sizeof(*restart_errors); i++)
		if (restart_errors[i].err == err)
			return restart_errors[i].name;
	/* glibc names EWOULDBLOCK and EDEADLOCK after their twins, as strace. */
	return err > 0 && err < 512 ? strerrorname_np(err) : NULL;
}

const char *errno_text(int err)
{
	unsigned int i;

	for (i = 0; i < sizeof(restart_errors) / sizeof(*restart_errors); i++)
		if (restart_errors[i].err == err)
			return restart_errors[i].text;
	return strerror(err);
}

int errno_number(const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);
	int err;

	if (end != name && !*end)
		return n > 0 && n <= MAX_ERRNO ? (int)n : -1;
	for (err = 1; err <= MAX_ERRNO; err++)
		if (errno_name(err) && !strcmp(errno_name(err), name))
			return err;
	return -1;
}

const char *signal_name(int sig)
{
	static char buf[16];
	const char *name = sig > 0 && sig < SIGRTMIN ?
			   get_signal_name(sig) : NULL;

	if (name && strcmp(name, "UNKNOWN") && strcmp(name, "SIGRT"))
		return name;
	/* strace counts real-time signals from the kernel's SIGRTMIN, 32. */
	if (sig >= 32 && sig <= 64)
		snprintf(buf, sizeof(buf), sig == 32 ? "SIGRTMIN" : "SIGRT_%d",
			 sig - 32);
	else
		snprintf(buf, sizeof(buf), "%d", sig);
	return buf;
}

int signal_number(const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);
	char full[32];
	int sig;

	if (end != name && !*end)
		return n > 0 && n <= 64 ? (int)n : -1;
	if (strncasecmp(name, "SIG", 3))
		snprintf(full, sizeof(full), "SIG%s", name);
	else
		snprintf(full, sizeof(full), "%s", name);
	for (sig = 1; sig <= 64; sig++)
		if (!strcasecmp(signal_name(sig), full))
			return sig;
	return -1;
}

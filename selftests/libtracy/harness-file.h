/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kselftest_harness.h is made for programs of one file: it defines
 * _fixture_global, __active_test, __wait_for_test() and __run_test(),
 * which a second file would define again, and keeps its list of fixtures
 * in a static variable of each file. Another file of tests includes it
 * through this header, with HARNESS_FILE defined to a name of its own:
 * those four get that name in front, and <HARNESS_FILE>_fixtures() hands
 * the file's fixtures to libtracy.c, whose main() runs them with its own
 * (with its own copies of the four).
 */
#ifndef LIBTRACY_HARNESS_FILE_H
#define LIBTRACY_HARNESS_FILE_H

#ifndef HARNESS_FILE
# error "define HARNESS_FILE to a name of the file before this"
#endif

#define HARNESS_PASTE(a, b)	a##b
#define HARNESS_NAME(a, b)	HARNESS_PASTE(a, b)
#define _fixture_global	HARNESS_NAME(HARNESS_FILE, _fixture_global)
#define __active_test		HARNESS_NAME(HARNESS_FILE, _active_test)
#define __wait_for_test	HARNESS_NAME(HARNESS_FILE, _wait_for_test)
#define __run_test		HARNESS_NAME(HARNESS_FILE, _run_test)

/*
 * The harness does not build with -Wextra: an unused parameter in
 * __timeout_handler(), and the setjmp() of every TEST_F() wrapper. Here
 * test_harness_run() is not used either: libtracy.c runs the tests.
 */
#pragma GCC diagnostic ignored "-Wclobbered"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-function"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

struct __fixture_metadata *HARNESS_NAME(HARNESS_FILE, _fixtures)(void)
{
	return __fixture_list;
}

#endif /* LIBTRACY_HARNESS_FILE_H */

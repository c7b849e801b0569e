"""The test bed's Python: what every runner of tracy-fast shares.

    console  the protocol of a guest's serial console: the markers /init
             (qemu/init.c) frames each program with, and the kernel's
             reports of its own trouble
    results  counting TAP results per place, and their summary
    arches   the guests and ABIs, as arch/<arch>/arch.mk declares them

The Makefile puts qemu/ on PYTHONPATH for every script it runs.
`python3 -m testbed summary RESULTS.json...` prints the counts of places.
"""

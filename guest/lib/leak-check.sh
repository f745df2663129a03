# shellcheck shell=sh
# Memory baselines for the guest suites (sourced, after ktap_helpers.sh).
# leak_snapshot NAME records, after letting freed memory settle:
#   memfree_kb   MemFree, plus the free pages on the per-CPU lists
#                (/proc/zoneinfo "count:", not in MemFree)
#                                   may drop by at most LEAK_MEMFREE_KB
#   slab_kb      Slab but the vmap_area cache (see leak_slab_kb)
#                                   may grow by at most LEAK_SLAB_KB
#                (64 pages, at least 1 MiB)
#   pgtable_kb   PageTables         may grow by at most LEAK_PGTABLE_KB
#                (128 pages, at least 1 MiB)
#   vmalloc_n    /proc/vmallocinfo areas, but thread stacks and the
#                lazily freed ("unpurged")  at most LEAK_VMALLOC_N more
#   vmapped_kb   what ptdump shows mapped in the vmalloc area
#                                   may grow by at most LEAK_VMAPPED_KB
# leak_check BEFORE AFTER prints one KTAP result per figure.
# Kernel page tables of the vmalloc area are kept once allocated, slab
# caches keep their slabs, kvfree_rcu() frees late: a suite takes its
# baseline after a warm-up round of its work, the snapshots wait for
# MemFree to settle, and the tolerances allow for the rest; they are far
# below what one leaked AUX buffer or vmap area per run adds up to.
LEAK_MEMFREE_KB=${LEAK_MEMFREE_KB:-8192}
# Slabs are made of pages: with 64K pages one new slab in each of a few
# caches is MiBs (Slab grew by 2.3 MiB after the stress suite there), so
# Slab may grow by 64 pages, at least 1 MiB.
leak_pagekb=$(awk '/^KernelPageSize:/ { print $2; exit }' /proc/self/smaps)
leak_slab_default=$((64 * ${leak_pagekb:-4}))
[ "$leak_slab_default" -ge 1024 ] || leak_slab_default=1024
LEAK_SLAB_KB=${LEAK_SLAB_KB:-$leak_slab_default}
# Kernel page tables of the vmalloc area are never freed: they grow as
# the areas land on new addresses (by up to 29 tables, 464 KiB, across
# the stress suite with 16K pages): 128 pages, at least 1 MiB.
leak_pgtable_default=$((128 * ${leak_pagekb:-4}))
[ "$leak_pgtable_default" -ge 1024 ] || leak_pgtable_default=1024
LEAK_PGTABLE_KB=${LEAK_PGTABLE_KB:-$leak_pgtable_default}
LEAK_VMALLOC_N=${LEAK_VMALLOC_N:-8}
LEAK_VMAPPED_KB=${LEAK_VMAPPED_KB:-1024}

leak_ptdump() {
	for f in /sys/kernel/debug/kernel_page_tables /sys/kernel/debug/page_tables/kernel; do
		[ -r "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# kB mapped between the vmalloc area's start and end markers of ptdump.
leak_vmapped_kb() {
	f=$(leak_ptdump) || { echo 0; return; }
	awk '
		/^---\[ vmalloc\(\) [Aa]rea/ { in_area = 1; next }
		/^---\[/ { in_area = 0 }
		!in_area || !/ (RW|ro) / { next }
		{
			v = $2; u = substr(v, length(v)); n = substr(v, 1, length(v) - 1)
			kb += n * (u == "K" ? 1 : u == "M" ? 1024 : u == "G" ? 1048576 : 1 / 1024)
		}
		END { printf "%d\n", kb }' "$f"
}

# MemFree leaves out the free pages each CPU keeps on its lists: up to
# tens of MiB with 64K pages (MemFree alone dropped by 53 MiB across the
# stress suite there, with nothing leaked).
leak_free_kb() {
	pcp=$(awk '$1 == "count:" { n += $2 } END { print n + 0 }' /proc/zoneinfo)
	awk -v pcp_kb=$((pcp * ${leak_pagekb:-4})) '/^MemFree:/ { print $2 + pcp_kb }' /proc/meminfo
}

# Slab without the vmap_area cache: vmalloc keeps the vmap_area objects
# of lazily freed areas and of its per-node pools of free areas, which
# grew by 35 to 44 slabs (0.6 MiB with 16K pages) across the stress
# suite with nothing leaked; the areas in use are counted through
# /proc/vmallocinfo.  (Left in when SLUB merged the cache with another:
# its sysfs entry is then a link.)
leak_slab_kb() {
	va=0
	d=/sys/kernel/slab/vmap_area
	if [ -d "$d" ] && [ ! -L "$d" ]; then
		va=$(($(cut -d' ' -f1 "$d/slabs") * (${leak_pagekb:-4} << $(cat "$d/order"))))
	fi
	awk -v va="$va" '/^Slab:/ { print $2 - va }' /proc/meminfo
}

# Drop caches, then wait (30 s at most) until MemFree moves by less than
# 512 kB in 2 s: kvfree_rcu() and deferred vfree() take their time.
leak_settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	# Shrinking each slab cache frees its empty slabs and, with KASAN,
	# the objects of that cache in KASAN's quarantine (up to 1/32 of
	# memory, freed objects held back to catch use-after-free).
	for f in /sys/kernel/slab/*/shrink; do
		[ -w "$f" ] && echo 1 >"$f"
	done 2>/dev/null
	prev=0
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		sleep 2
		now=$(leak_free_kb)
		d=$((now - prev))
		[ "$d" -lt 512 ] && [ "$d" -gt -512 ] && return 0
		prev=$now
	done
}

leak_snapshot() {
	leak_settle
	{
		echo "memfree_kb $(leak_free_kb)"
		echo "slab_kb $(leak_slab_kb)"
		awk '/^PageTables:/ { print "pgtable_kb", $2 }' /proc/meminfo
		echo "vmalloc_n $(grep -v -e unpurged -e kernel_clone -e alloc_thread_stack /proc/vmallocinfo | grep -c .)"
		echo "vmapped_kb $(leak_vmapped_kb)"
	} >"/tmp/leak.$1"
}

leak_value() { awk -v k="$2" '$1 == k { print $2 }' "/tmp/leak.$1"; }

# leak_within BEFORE AFTER KEY SIGN TOLERANCE LABEL (ktap_test_result
# splits its arguments at spaces: LABEL is one word)
leak_within() {
	b=$(leak_value "$1" "$3") a=$(leak_value "$2" "$3")
	d=$((($4) * (a - b)))
	ktap_print_msg "$6: $b before, $a after (tolerance $5)"
	[ "$d" -le "$5" ]
}

leak_check() {
	ktap_test_result "$3: free memory back to its baseline" \
		leak_within "$1" "$2" memfree_kb -1 "$LEAK_MEMFREE_KB" MemFree+pcp_kB
	ktap_test_result "$3: Slab back to its baseline" \
		leak_within "$1" "$2" slab_kb 1 "$LEAK_SLAB_KB" Slab-vmap_area_kB
	ktap_test_result "$3: page tables back to their baseline" \
		leak_within "$1" "$2" pgtable_kb 1 "$LEAK_PGTABLE_KB" PageTables_kB
	ktap_test_result "$3: vmallocinfo entries back to their baseline" \
		leak_within "$1" "$2" vmalloc_n 1 "$LEAK_VMALLOC_N" vmallocinfo_areas
	ktap_test_result "$3: vmalloc area mappings (ptdump) back to their baseline" \
		leak_within "$1" "$2" vmapped_kb 1 "$LEAK_VMAPPED_KB" vmalloc_area_mapped_kB
}
# The number of results leak_check prints, for the suites' plans.
export LEAK_CHECKS=5

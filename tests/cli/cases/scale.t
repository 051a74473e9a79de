# Big inputs cost O(n log n): none of these may take more than a few
# seconds or a few hundred MiB (issue 12, item 13).  The inputs first:
# 160,000 requests in one file, the same with a duplicate at the end, a
# thousand copies of one image, and an image with 65,534 PT_LOADs.
$ python3 -c "print('requests:'); [print('  - name: r%d\n    size: 4K\n    at: 0x%x' % (i, 0x10000000 + i * 0x1000)) for i in range(160000)]" > r160k.yaml; (cat r160k.yaml; printf '  - name: r12345\n    size: 4K\n') > r160k-dup.yaml
$ mkdir -p thousand && for i in $(seq -w 1 1000); do cp vmm32-0x6000000 thousand/v$i; done
$ python3 -c "import struct; n = 65534; eh = struct.pack('<16sHHIQQQIHHHHHH', b'\x7fELF\x02\x01\x01' + bytes(9), 2, 62, 1, 0x401000, 64, 0, 0, 64, 56, n, 64, 0, 0); ph = b''.join(struct.pack('<IIQQQQQQ', 1, 5, 0, 0x400000 + i * 0x1000, 0x400000 + i * 0x1000, 0x1000, 0x1000, 0x1000) for i in range(n)); open('many-loads', 'wb').write(eh + ph)"

# limits: 5 s, 512 MiB

# 160,000 requests (each name was compared with every other one: 126 s;
# now a hash of the names).
$ vaslint check -L genode-nova-x86_32 --requests r160k.yaml; echo "exit $?"
exit 0

# A duplicate among them is still found, at its line, naming the first.
$ vaslint check -L genode-nova-x86_32 --requests r160k-dup.yaml
r160k-dup.yaml:480002:11: error: duplicate request 'r12345' (first at line 37037)
[exit 2]

# A thousand images linked at one address: half a million overlapping
# pairs in one address space, of which 16 are named and the rest counted.
$ vaslint check --one-space thousand/v* | grep -c 'overlaps thousand/'; vaslint check --one-space thousand/v* | tail -1
16
thousand/v0017: error: and 499484 more overlapping pairs of images, not listed one by one [image-overlap]

# map of an image with 65,534 PT_LOADs (11.5 s before: every range was
# compared with every other one); check names 16 of the segments in its
# one finding and counts the rest.
$ vaslint map -L linux-x86_64 many-loads | grep -c ' segment '; vaslint check -L linux-x86_64 -D GUEST_RAM=1G many-loads | cut -c160-240
65534
4 (R-X), 15 (R-X) and 65518 more [0x400000, 0x103fe000) overlap guest-shadow [0x2

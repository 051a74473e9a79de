# A layout names at most eight page sizes, ascending powers of two of at
# least 1K.  Eight work end to end (a cost counts pages of every size);
# a ninth is an input error at the page-sizes key, where it used to be
# accepted and every request then said "address and offset differ".
# limits: 2 s, 256 MiB
$ printf 'name: p8\ndescription: eight page sizes\nmachine: x86_64\npage-sizes: [4K, 8K, 16K, 32K, 64K, 128K, 256K, 2M]\naddress-space: {start: 0x1000, end: 0x100000000}\n' > p8.yaml; printf 'requests:\n  - {name: aligned, size: 2M, at: 0x200000}\n  - {name: shifted, size: 2M, at: 0x440000}\n  - {name: ragged, size: 2M, at: 0x83f000, offset: 0x3f000}\n  - {name: free, size: 6M}\n' > req8.yaml; vaslint check -L ./p8.yaml --requests req8.yaml
req8.yaml:3:5: error: request shifted (2 MiB) at 0x440000: the address defeats its natural alignment of 2 MiB: 8 256K pages instead of 1 2M page [unaligned-request]
[exit 1]

$ vaslint plan -L ./p8.yaml --requests req8.yaml
plan for layout p8
name                 kind                  start                end       size      align  cost (lower bound)
aligned              fixed              0x200000           0x400000      2 MiB      2 MiB  1 2M page
shifted              fixed              0x440000           0x640000      2 MiB    256 KiB  8 256K pages (1 2M page; wants 2 MiB alignment)
ragged               fixed              0x83f000           0xa3f000      2 MiB      2 MiB  7 256K pages + 1 128K page + 1 64K page + 1 32K page + 1 16K page + 1 8K page + 2 4K pages
free                 allocate           0xc00000          0x1200000      6 MiB      2 MiB  3 2M pages
total: 4 2M pages + 15 256K pages + 1 128K page + 1 64K page + 1 32K page + 1 16K page + 1 8K page + 2 4K pages; lower bound: 5 2M pages + 7 256K pages + 1 128K page + 1 64K page + 1 32K page + 1 16K page + 1 8K page + 2 4K pages

$ sed 's/2M\]/2M, 4M]/' p8.yaml > p9.yaml; vaslint check -L ./p9.yaml --requests req8.yaml
./p9.yaml:4:1: error: page-sizes lists 9 page sizes, at most 8 are supported
[exit 2]

$ sed 's/^page-sizes:.*/page-sizes: [4K, 2M, 1M]/' p8.yaml > pdesc.yaml; vaslint check -L ./pdesc.yaml --requests req8.yaml
./pdesc.yaml:4:22: error: page sizes must ascend, smallest first
[exit 2]

$ sed 's/^page-sizes:.*/page-sizes: [4K, 2M, 2M]/' p8.yaml > pdup.yaml; vaslint check -L ./pdup.yaml --requests req8.yaml
./pdup.yaml:4:22: error: page sizes must ascend, smallest first
[exit 2]

$ sed 's/^page-sizes:.*/page-sizes: [4K, 3M]/' p8.yaml > ppow.yaml; vaslint check -L ./ppow.yaml --requests req8.yaml
./ppow.yaml:4:18: error: page size 3M is not a power of two of at least 1K
[exit 2]

$ sed 's/^page-sizes:.*/page-sizes: [512, 4K]/' p8.yaml > psmall.yaml; vaslint check -L ./psmall.yaml --requests req8.yaml
./psmall.yaml:4:14: error: page size 512 is not a power of two of at least 1K
[exit 2]

$ sed 's/^page-sizes:.*/page-sizes: []/' p8.yaml > pnone.yaml; vaslint check -L ./pnone.yaml --requests req8.yaml
./pnone.yaml:4:13: error: page-sizes is empty
[exit 2]

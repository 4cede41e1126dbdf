module github.com/embedarchive/embedarchive

go 1.26

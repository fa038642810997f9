from lilla_ratten.cli import main

raise SystemExit(main())

"""Allow ``python -m rehab`` as well as the ``rehab`` console script."""

from rehab.cli.main import main

raise SystemExit(main())

import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

// Routes of the queue area are registered here (owned by that area).
void router
void middleware
